/**
 * Peers prove their TRON address over the tt_tip extension (docs/PROTOCOL.md) and are tipped from
 * the Peers table: real WebRTC between two browser contexts, real tracker, real devnet, real
 * signatures from the injected TronLink-compatible wallet.
 */
import { expect, test } from './test'
import { randomFile } from './fixtures'
import { addByText, closePeers, expectComplete, openPeer, seedAndCopyMagnet, torrentItem } from './helpers'
import { account, connectWallet, devnet, installWallet, walletPanel } from './wallet-fixtures'

test("a seeder who shares its address is shown in the leecher's Peers table with verified bytes, and tipped from there", async ({
  browser,
}) => {
  const node = await devnet()
  const bob = account('bob')
  const alice = account('alice')
  const fileName = 'shared-by-bob.bin'
  const size = 3 * 1024 * 1024
  const filePath = await randomFile(fileName, size)

  const seederWallet = installWallet(node, 'bob')
  const seeder = await openPeer(browser, seederWallet.prepare)
  await connectWallet(seeder, bob.address)
  await walletPanel(seeder.page).getByRole('button', { name: 'Receive tips' }).click()
  await expect(walletPanel(seeder.page).getByText('Peers can tip you')).toBeVisible()
  // One prompt to connect, one to sign the grant: nothing more for a peer that receives tips.
  expect(seederWallet.wallet.prompts).toBe(2)
  const magnet = await seedAndCopyMagnet(seeder, [filePath], fileName)

  const leecherWallet = installWallet(node, 'alice')
  const leecher = await openPeer(browser, leecherWallet.prepare)
  await connectWallet(leecher, alice.address)
  await addByText(leecher.page, magnet)
  const item = torrentItem(leecher.page, fileName)
  await expectComplete(item)
  await item.click()

  const peers = leecher.page.getByRole('table', { name: 'Peers' })
  const row = peers.locator(`tr[data-address="${bob.address}"]`)
  await expect(row).toBeVisible()
  // Every byte of the file came from Bob and passed the hash check.
  await expect(row.locator('td[data-bytes]')).toHaveAttribute('data-bytes', String(size))

  // The seeder sees the leecher, who shared no address: no Tip button there.
  await torrentItem(seeder.page, fileName).click()
  const seederPeers = seeder.page.getByRole('table', { name: 'Peers' })
  await expect(seederPeers.locator('tbody tr[data-peer-id]')).toHaveCount(1)
  await expect(seederPeers.getByRole('button', { name: 'Tip' })).toHaveCount(0)

  // The leecher shares its address too (one more prompt), so that its payment can be told apart.
  await walletPanel(leecher.page).getByRole('button', { name: 'Receive tips' }).click()
  const leecherRow = seederPeers.locator(`tr[data-address="${alice.address}"]`)
  await expect(leecherRow).toBeVisible()

  const bobBefore = node.balanceOf(bob.address)
  await row.getByRole('button', { name: 'Tip' }).click()
  const dialog = leecher.page.getByRole('dialog', { name: 'Send a tip' })
  await expect(dialog.getByRole('textbox', { name: 'Recipient address' })).toHaveValue(bob.address)
  await expect(dialog).toContainText(`For ${fileName}`)
  await dialog.getByRole('textbox', { name: 'Amount (TRX)' }).fill('2')
  await dialog.getByRole('button', { name: 'Send tip' }).click()
  await expect(dialog.getByRole('status')).toHaveAttribute('data-status', 'confirmed', { timeout: 30_000 })
  expect(node.balanceOf(bob.address) - bobBefore).toBe(2_000_000)
  // Connect, grant, and the one transfer: three prompts for a leecher who tips by hand.
  expect(leecherWallet.wallet.prompts).toBe(3)

  // The seeder was told (tt_tip `paid`), checked the chain, and credits the leecher with what it paid.
  await expect(leecherRow.locator('td[data-received-sun]')).toHaveAttribute('data-received-sun', '2000000', {
    timeout: 30_000,
  })
  await expect(leecherRow.getByText('tipper')).toBeVisible()

  await closePeers(seeder, leecher)
  await node.close()
})
