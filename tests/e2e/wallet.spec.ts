/**
 * The wallet and manual tips, against a real devnet (tools/devnet) with real TronWeb signatures from
 * a TronLink-compatible wallet injected into the page (tests/e2e/test-wallet.ts).
 */
import { expect, test } from './test'
import { crashTab, downloadText, closePeers, openPeer } from './helpers'
import {
  account,
  connectWallet,
  connectedPeer,
  devnet,
  installWallet,
  openReceipts,
  receiptRows,
  sendTip,
  shownBalance,
  transactionFee,
  useUpFreeBandwidth,
  walletPanel,
} from './wallet-fixtures'

const alice = account('alice')
const bob = account('bob')
const carol = account('carol')

test('connects, shows address, balance and network, and follows account and network switches', async ({
  browser,
}) => {
  const node = await devnet()
  const otherChain = await devnet({ otherNetwork: true })
  const setup = installWallet(node, 'alice')
  const peer = await openPeer(browser, setup.prepare)
  const wallet = setup.wallet

  await connectWallet(peer, alice.address)
  const panel = walletPanel(peer.page)
  await expect(panel.locator('[data-network]')).toHaveAttribute('data-network', 'devnet')
  expect(await shownBalance(peer.page)).toBe(node.balanceOf(alice.address))

  await wallet.switchAccount('bob')
  await expect(panel.locator('[data-address]')).toHaveAttribute('data-address', bob.address)
  await expect.poll(() => shownBalance(peer.page)).toBe(node.balanceOf(bob.address))

  await wallet.switchNetwork(otherChain.url)
  await expect(panel.locator('[data-network]')).toHaveAttribute('data-network', 'unknown')
  await expect(
    peer.page.getByRole('alert').filter({ hasText: 'network this app does not support' }),
  ).toBeVisible()
  await expect(panel.getByRole('button', { name: 'Send a tip' })).toBeDisabled()

  await wallet.switchNetwork(node.url)
  await expect(panel.locator('[data-network]')).toHaveAttribute('data-network', 'devnet')

  // A reload reconnects without a new prompt: TronLink already trusts the page.
  const promptsBefore = wallet.prompts
  await peer.page.reload()
  await expect(panel.locator('[data-address]')).toHaveAttribute('data-address', bob.address)
  expect(wallet.prompts).toBe(promptsBefore)

  await panel.getByRole('button', { name: 'Disconnect wallet' }).click()
  await expect(panel.getByRole('button', { name: 'Connect wallet' })).toBeVisible()
  await closePeers(peer)
  await Promise.all([node.close(), otherChain.close()])
})

test('a 1.5 TRX tip moves exactly 1 500 000 sun, charges the fee the devnet reports, and is confirmed', async ({
  browser,
}) => {
  const { node, wallet, peer } = await connectedPeer(browser, 'alice')
  // With its free bandwidth used up, Alice pays for the bytes: the fee is not zero.
  await useUpFreeBandwidth(node, alice, bob)
  const transfersBefore = node.transactionCount()
  const senderBefore = node.balanceOf(alice.address)
  const recipientBefore = node.balanceOf(carol.address)

  const dialog = await sendTip(peer.page, carol.address, '1.5', { waitForFee: true })
  const estimatedFee = Number(await dialog.getByTestId('tip-fee').getAttribute('data-fee-sun'))
  await expect(dialog.getByRole('status')).toHaveAttribute('data-status', 'confirmed', { timeout: 30_000 })
  expect(wallet.signatures).toBe(1)

  await dialog.getByRole('button', { name: 'Close' }).click()
  await openReceipts(peer.page)
  const row = receiptRows(peer.page).first()
  await expect(row).toHaveAttribute('data-status', 'confirmed')
  const txId = await row.getAttribute('data-txid')
  expect(txId).toMatch(/^[0-9a-f]{64}$/)
  const fee = await transactionFee(node, txId ?? '')
  const shownFee = Number(await row.locator('td[data-sun]').nth(1).getAttribute('data-sun'))

  expect(node.balanceOf(carol.address) - recipientBefore).toBe(1_500_000)
  expect(fee).toBeGreaterThan(200_000) // about 268 bytes at 1 000 sun each
  expect(senderBefore - node.balanceOf(alice.address)).toBe(1_500_000 + fee)
  expect(shownFee).toBe(fee)
  expect(estimatedFee).toBe(fee)
  expect(node.transactionCount() - transfersBefore).toBe(1)

  // Totals and exports say the same as the chain.
  const perAddress = peer.page.getByRole('table', { name: 'Paid per address' })
  await expect(perAddress.getByRole('row', { name: new RegExp(carol.address) })).toContainText('1.5 TRX')
  const csv = await downloadText(peer.page, 'Export receipts (CSV)')
  const [header, line] = csv.trim().split('\r\n')
  const columns = (header ?? '').split(',')
  const values = (line ?? '').split(',')
  const field = (name: string) => values[columns.indexOf(name)]
  expect(field('status')).toBe('confirmed')
  expect(field('amount_sun')).toBe('1500000')
  expect(field('fee_sun')).toBe(String(fee))
  expect(field('txid')).toBe(txId)
  const json = JSON.parse(await downloadText(peer.page, 'Export receipts (JSON)')) as {
    receipts: { txId: string; amountSun: number; status: string }[]
  }
  expect(json.receipts).toMatchObject([{ txId, amountSun: 1_500_000, status: 'confirmed' }])
  await closePeers(peer)
  await node.close()
})

test('a declined signature pays nothing and the receipt ends failed with a clear message', async ({
  browser,
}) => {
  const { node, wallet, peer } = await connectedPeer(browser, 'alice')
  const before = node.balanceOf(alice.address)

  wallet.answer = 'reject'
  const dialog = await sendTip(peer.page, carol.address, '2')
  await expect(dialog.getByRole('alert')).toContainText('declined in TronLink: nothing was paid')
  await dialog.getByRole('button', { name: 'Cancel' }).click()

  await openReceipts(peer.page)
  await expect(receiptRows(peer.page).first()).toHaveAttribute('data-status', 'failed')
  await peer.page.waitForTimeout(1_000) // a few blocks: nothing may appear on chain
  expect(node.transactionCount()).toBe(0)
  expect(node.balanceOf(alice.address)).toBe(before)
  await closePeers(peer)
  await node.close()
})

test('a tab killed after signing and before broadcast is reconciled on reload: exactly one payment', async ({
  browser,
}) => {
  const { node, wallet, peer } = await connectedPeer(browser, 'alice')
  const recipientBefore = node.balanceOf(carol.address)

  // Injected fault: the app stops right after storing the signed transaction (src/testing/test-hooks.ts).
  await peer.page.evaluate(() => localStorage.setItem('fault:halt-before-broadcast', '1'))
  const dialog = await sendTip(peer.page, carol.address, '1')
  await expect(dialog.getByRole('status')).toHaveAttribute('data-status', 'signed')
  // The tab is killed there (its renderer crashed), not closed: nothing of the page runs after.
  await crashTab(peer.page)
  expect(node.transactionCount()).toBe(0)

  const page = await peer.context.newPage()
  await page.goto('/#receipts')
  await page.evaluate(() => localStorage.removeItem('fault:halt-before-broadcast'))
  await expect(receiptRows(page).first()).toHaveAttribute('data-status', 'confirmed', { timeout: 30_000 })
  expect(node.transactionCount()).toBe(1)
  expect(node.balanceOf(carol.address) - recipientBefore).toBe(1_000_000)

  // Another reload finds nothing left to do: still one payment.
  await page.reload()
  await expect(receiptRows(page).first()).toHaveAttribute('data-status', 'confirmed')
  await page.waitForTimeout(1_000)
  expect(node.transactionCount()).toBe(1)
  expect(wallet.signatures).toBe(1)
  await peer.context.close()
  await node.close()
})

test('insufficient balance, a devnet that is down, a locked wallet and no wallet: clear alerts, nothing paid', async ({
  browser,
  expectProblems,
}) => {
  // The browser logs each refused connection to the devnet this test stops.
  expectProblems(/ERR_CONNECTION_REFUSED/, 'the devnet is stopped on purpose')
  const { node, wallet: poorWallet, peer } = await connectedPeer(browser, 'poor')

  const dialog = await sendTip(peer.page, carol.address, '1')
  await expect(dialog.getByRole('alert')).toContainText('Insufficient balance')
  expect(poorWallet.prompts).toBe(1) // the connection only: the wallet was never asked to sign
  await dialog.getByRole('button', { name: 'Cancel' }).click()

  await node.close()
  const offline = await sendTip(peer.page, carol.address, '1')
  await expect(offline.getByRole('alert')).toContainText('unreachable')
  await offline.getByRole('button', { name: 'Cancel' }).click()
  await openReceipts(peer.page)
  await expect(receiptRows(peer.page)).toHaveCount(0)
  await peer.context.close()

  const lockedNode = await devnet()
  const locked = installWallet(lockedNode, 'alice')
  const lockedPeer = await openPeer(browser, locked.prepare)
  locked.wallet.locked = true
  await lockedPeer.page.getByRole('button', { name: 'Connect wallet' }).click()
  await expect(lockedPeer.page.getByRole('alert').filter({ hasText: 'TronLink is locked' })).toBeVisible()
  await closePeers(lockedPeer)
  await lockedNode.close()

  const bare = await openPeer(browser)
  await bare.page.getByRole('button', { name: 'Connect wallet' }).click()
  const missing = bare.page.getByRole('alert').filter({ hasText: 'No TronLink wallet was found' })
  await expect(missing).toBeVisible()
  await expect(missing.getByRole('link', { name: 'Get TronLink' })).toHaveAttribute('href', /tronlink/)
  await closePeers(bare)
})
