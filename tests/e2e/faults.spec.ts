/**
 * Faults outside the app: the TRON node going away and coming back, and the wallet locked while a
 * tipping session runs. Real WebRTC, real tracker, real devnet.
 */
import { randomFile } from './fixtures'
import { addByText, closePeers, expectComplete, torrentItem } from './helpers'
import { expect, test } from './test'
import {
  account,
  BATCH_SUN,
  TRANSFER_FEE_SUN,
  devnet,
  endSession,
  owedSun,
  receiptsOf,
  sessionPanel,
  startTipping,
  verifiedBytesFrom,
  walletPeer,
  tippableSeeder,
} from './wallet-fixtures'

test('the TRON node going down mid-session: tips resume once it is back, no receipt lost or paid twice', async ({
  browser,
  expectProblems,
}) => {
  // The browser logs each refused request to the node while it is down.
  expectProblems(/ERR_CONNECTION_REFUSED|Failed to fetch/, 'the devnet is taken offline on purpose')
  const node = await devnet()
  const bob = account('bob')
  const RATE = 3_000
  const fileName = 'outage.bin'
  const { seeder, magnet } = await tippableSeeder(browser, node, 'bob', {
    files: [await randomFile(fileName, 4 * 1024 * 1024)],
    fileName,
    uploadKBps: 250,
  })

  const { peer: leecher, wallet } = await walletPeer(browser, node, 'alice')
  await startTipping(leecher.page, RATE, 30)
  const bobBefore = node.balanceOf(bob.address)
  await addByText(leecher.page, magnet)
  const item = torrentItem(leecher.page, fileName)
  await item.click()

  // The first batch lands, then the node goes away while more come due.
  await expect.poll(() => node.balanceOf(bob.address), { timeout: 30_000 }).toBeGreaterThan(bobBefore)
  await node.goOffline()
  await leecher.page.waitForTimeout(6_000)
  await node.goOnline()
  await expectComplete(item, 60_000)
  await expect.poll(() => verifiedBytesFrom(leecher.page, bob.address)).toBe(4 * 1024 * 1024)
  await endSession(leecher.page)

  const owed = owedSun(4 * 1024 * 1024, RATE)
  // All owed, except a last remainder below one transfer's fee, which is not worth paying.
  const paid = node.balanceOf(bob.address) - bobBefore
  expect(paid).toBeLessThanOrEqual(owed)
  expect(owed - paid).toBeLessThan(TRANSFER_FEE_SUN)
  const receipts = await receiptsOf(leecher.page)
  const confirmed = receipts.filter((receipt) => receipt.status === 'confirmed')
  // Nothing left half-done, and each confirmed receipt is one transaction on chain, none twice.
  expect(receipts.filter((receipt) => !['confirmed', 'failed'].includes(receipt.status))).toEqual([])
  expect(new Set(confirmed.map((receipt) => receipt.txId)).size).toBe(confirmed.length)
  expect(node.transactionCount()).toBe(confirmed.length)
  const tips = confirmed.filter((receipt) => !receipt.purpose)
  expect(tips.reduce((sum, receipt) => sum + receipt.amountSun, 0)).toBe(paid)
  console.log(
    `node outage: ${tips.length} tips confirmed, ${receipts.length - confirmed.length} receipts failed, ` +
      `prompts ${wallet.prompts}`,
  )
  // Connect, the session key's one-time setup signature, the funding: no prompt for the outage.
  expect(wallet.prompts).toBe(3)

  await closePeers(seeder, leecher)
  await node.close()
})

test('a wallet locked mid-session: the session keeps tipping and ends with no prompt; a manual tip says why it cannot', async ({
  browser,
}) => {
  const node = await devnet()
  const bob = account('bob')
  const RATE = 3_000
  const fileName = 'locked.bin'
  const { seeder, magnet } = await tippableSeeder(browser, node, 'bob', {
    files: [await randomFile(fileName, 3 * 1024 * 1024)],
    fileName,
    uploadKBps: 400,
  })

  const { peer: leecher, wallet } = await walletPeer(browser, node, 'alice')
  await startTipping(leecher.page, RATE, 30)
  const promptsBefore = wallet.prompts
  const bobBefore = node.balanceOf(bob.address)
  await wallet.lock()

  await addByText(leecher.page, magnet)
  const item = torrentItem(leecher.page, fileName)
  await item.click()
  await expectComplete(item, 60_000)
  await expect.poll(() => node.balanceOf(bob.address), { timeout: 30_000 }).toBeGreaterThan(bobBefore)

  // Paid from the session wallet while the wallet is locked: all but at most one batch, no prompt.
  await expect.poll(() => verifiedBytesFrom(leecher.page, bob.address)).toBe(3 * 1024 * 1024)
  await expect
    .poll(() => node.balanceOf(bob.address) - bobBefore, { timeout: 20_000 })
    .toBeGreaterThan(owedSun(3 * 1024 * 1024, RATE) - BATCH_SUN)
  expect(wallet.prompts).toBe(promptsBefore)

  // A manual tip needs the wallet, which the page now shows as not connected; reconnecting while
  // it is locked says so.
  await expect(leecher.page.getByRole('button', { name: 'Send a tip' })).toHaveCount(0)
  await leecher.page.getByRole('button', { name: 'Connect wallet' }).click()
  await expect(leecher.page.getByRole('alert').filter({ hasText: 'TronLink is locked' })).toBeVisible()

  // Ending the session needs no wallet either: final tips and the return come from the session
  // wallet, and the panel still says how it ended.
  const promptsBeforeEnd = wallet.prompts
  await endSession(leecher.page)
  await expect(sessionPanel(leecher.page).getByTestId('session-note')).toContainText('Returned')
  const receipts = await receiptsOf(leecher.page)
  expect(receipts.filter((receipt) => receipt.status !== 'confirmed')).toEqual([])
  const sweep = receipts.filter((receipt) => receipt.purpose === 'sweep')
  expect(sweep).toHaveLength(1)
  expect(sweep[0]?.to).toBe(account('alice').address)
  expect(node.balanceOf(receipts.find((receipt) => receipt.purpose === 'funding')?.to ?? '')).toBe(0)
  expect(wallet.prompts).toBe(promptsBeforeEnd)

  await closePeers(seeder, leecher)
  await node.close()
})
