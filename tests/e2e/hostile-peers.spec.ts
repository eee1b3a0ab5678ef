/**
 * Hostile peers against the tipping layer. Each misbehaviour is injected in a test build through a
 * localStorage flag (read by the decorators in src/testing/, test builds only) in the hostile peer's own page:
 * - `fault:corrupt-uploads`: every block it uploads has its first byte flipped;
 * - `fault:hello = forged`: its hello claims someone else's address (with its own wallet's grant);
 * - `fault:hello = replay`: it sends a hello it received from another peer instead of its own;
 * - `fault:paid-notice = txID`: it announces someone else's transaction as its payment.
 * Real WebRTC, real tracker, real devnet; wallets are the injected test wallet.
 */
import { expect, test, type Page } from './test'
import { TronWeb } from 'tronweb'
import { randomFile } from './fixtures'
import { addByText, closePeers, expectComplete, openPeer, seedAndCopyMagnet, torrentItem } from './helpers'
import {
  account,
  devnet,
  endSession,
  shareAddress,
  startTipping,
  walletPeer,
  tippableSeeder,
} from './wallet-fixtures'

async function inject(page: Page, faults: Record<string, string>): Promise<void> {
  await page.evaluate((entries) => {
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value)
  }, faults)
}

test('a peer serving corrupt pieces is dropped and never paid; the download completes from the honest seeder', async ({
  browser,
}) => {
  const node = await devnet()
  const bob = account('bob')
  const carol = account('carol')
  const fileName = 'contested.bin'
  const filePath = await randomFile(fileName, 4 * 1024 * 1024)

  // Two seeders of the same file: honest Bob, and Carol whose uploads are corrupt.
  const { seeder: honest, magnet } = await tippableSeeder(browser, node, 'bob', {
    files: [filePath],
    fileName,
    uploadKBps: 400,
  })
  const { peer: liar } = await walletPeer(browser, node, 'carol')
  await shareAddress(liar)
  await inject(liar.page, { 'fault:corrupt-uploads': '1' })
  await seedAndCopyMagnet(liar, [filePath], fileName)

  const { peer: leecher } = await walletPeer(browser, node, 'alice')
  const carolBefore = node.balanceOf(carol.address)
  const bobBefore = node.balanceOf(bob.address)
  // 3 000 TRX per GB: 4 MB is worth about 12.6 TRX, so Bob is paid mid-session.
  await startTipping(leecher.page, 3_000, 30)
  await addByText(leecher.page, magnet)
  const item = torrentItem(leecher.page, fileName)
  await item.click()
  await expectComplete(item, 90_000)

  const peers = leecher.page.getByRole('table', { name: 'Peers' })
  // The liar is dropped after its second bad piece, often before its hello is even checked.
  const liarRow = peers.locator('tbody tr[data-peer-id]').filter({ hasText: 'bad pieces' })
  await expect(liarRow).toHaveCount(1)
  await expect(liarRow).toContainText('(left)')
  await expect(liarRow.locator('td[data-bytes]')).toHaveAttribute('data-bytes', '0')
  await expect(liarRow).not.toHaveAttribute('data-address', bob.address)
  // Everything verified came from Bob.
  await expect(peers.locator(`tr[data-address="${bob.address}"] td[data-bytes]`)).toHaveAttribute(
    'data-bytes',
    String(4 * 1024 * 1024),
  )

  await endSession(leecher.page)
  expect(node.balanceOf(carol.address)).toBe(carolBefore)
  expect(node.balanceOf(bob.address)).toBeGreaterThan(bobBefore)

  // The corrupt peer's page reports its own hash failures only through its peers; the others are clean.
  await closePeers(honest, leecher)
  await liar.context.close()
  await node.close()
})

test('a forged proof, a replayed proof and a payment notice for a transaction that is not theirs earn no credit and no priority', async ({
  browser,
}) => {
  const node = await devnet()
  const bob = account('bob')
  const dave = account('dave')
  const erin = account('erin')
  const fileName = 'coveted.bin'

  const { seeder, magnet } = await tippableSeeder(browser, node, 'bob', {
    files: [await randomFile(fileName, 3 * 1024 * 1024)],
    fileName,
    uploadKBps: 300,
  })

  // A real payment to Bob, by Erin, made outside the app: the transaction the claimant will announce.
  const tronWeb = new TronWeb({ fullHost: node.url })
  const transfer = await tronWeb.transactionBuilder.sendTrx(bob.address, 5_000_000, erin.address)
  const signed = await tronWeb.trx.sign(transfer, erin.privateKey)
  expect((await tronWeb.trx.sendRawTransaction(signed)).result).toBe(true)

  // Forger: Dave's wallet and grant, claiming Erin's address.
  const { peer: forger } = await walletPeer(browser, node, 'dave')
  await inject(forger.page, { 'fault:hello': 'forged', 'fault:hello-address': erin.address })
  await shareAddress(forger)
  // Replayer: no wallet at all; it forwards the hello it got from Bob.
  const replayer = await openPeer(browser)
  await inject(replayer.page, { 'fault:hello': 'replay' })
  // Claimant: proves its own address (Dave's) honestly, then claims Erin's payment to Bob.
  const { peer: claimant } = await walletPeer(browser, node, 'dave')
  await inject(claimant.page, { 'fault:paid-notice': signed.txID })
  await shareAddress(claimant)

  for (const peer of [forger, replayer, claimant]) await addByText(peer.page, magnet)
  for (const peer of [forger, replayer, claimant])
    await expectComplete(torrentItem(peer.page, fileName), 90_000)

  await torrentItem(seeder.page, fileName).click()
  const rows = seeder.page.getByRole('table', { name: 'Peers' }).locator('tbody tr[data-peer-id]')
  await expect(rows).toHaveCount(3)
  // The forged and the replayed proofs were refused: no address, so nothing to credit.
  await expect(rows.locator(`[data-address="${erin.address}"]`)).toHaveCount(0)
  await expect(seeder.page.locator(`tr[data-address="${bob.address}"]`)).toHaveCount(0)
  // The claimant's own proof holds, but the notice earned nothing: Erin paid, not Dave.
  const claimantRow = seeder.page.locator(`tr[data-address="${dave.address}"]`)
  await expect(claimantRow).toHaveCount(1)
  // Give the seeder time to check the notice (sent 3 s after the hello) against the chain.
  await seeder.page.waitForTimeout(6_000)
  await expect(claimantRow.locator('td[data-received-sun]')).toHaveAttribute('data-received-sun', '0')
  await expect(seeder.page.getByText('tipper')).toHaveCount(0)

  await closePeers(seeder, forger, replayer, claimant)
  await node.close()
})
