/**
 * Automatic tips from a tipping session: one wallet prompt funds a session wallet, which pays the
 * peers that sent verified data at the user's rate, within the budget; "End session" pays the rest
 * owed and returns what is left. Real WebRTC between browser contexts, real tracker, real devnet
 * checking real signatures; the wallet is the injected TronLink-compatible test wallet.
 */
import { expect, test } from './test'
import type { RunningDevnet } from '../../tools/devnet/server.ts'
import { randomFile } from './fixtures'
import {
  addByText,
  closePeers,
  expectComplete,
  openPeer,
  SAMPLE_VIDEO,
  seedAndCopyMagnet,
  setLimits,
  torrentItem,
  videoTime,
} from './helpers'
import {
  account,
  devnet,
  endSession,
  openReceipts,
  sessionPanel,
  shareAddress,
  BATCH_SUN,
  TRANSFER_FEE_SUN,
  owedSun,
  receiptsOf,
  startTipping,
  SUN_PER_TRX,
  transactionFee,
  verifiedBytesFrom,
  walletPeer,
} from './wallet-fixtures'

async function seederSharingAddress(node: RunningDevnet, browser: Parameters<typeof openPeer>[0]) {
  const { peer } = await walletPeer(browser, node, 'bob')
  await shareAddress(peer)
  return peer
}

test('a tipping leecher streams the sample video and pays the seeder the rate times the verified bytes, with one wallet prompt', async ({
  browser,
}) => {
  const node = await devnet()
  const bob = account('bob')
  const alice = account('alice')
  const RATE = 3_000 // TRX per GB: the 2.3 MB video is worth about 6.8 TRX, a few batches
  const seeder = await seederSharingAddress(node, browser)
  // Stretches the transfer over ~15 s so that batches are paid while the video plays.
  await setLimits(seeder.page, { uploadKBps: '150' })
  const magnet = await seedAndCopyMagnet(seeder, [SAMPLE_VIDEO], 'test-pattern.webm')

  const { peer: leecher, wallet: leecherWallet } = await walletPeer(browser, node, 'alice')
  const aliceBefore = node.balanceOf(alice.address)
  const bobBefore = node.balanceOf(bob.address)
  await startTipping(leecher.page, RATE, 20)

  await addByText(leecher.page, magnet)
  const item = torrentItem(leecher.page, 'test-pattern.webm')
  await item.click()
  await leecher.page.getByRole('button', { name: 'Play' }).click()
  await expect.poll(() => videoTime(leecher.page), { timeout: 30_000 }).toBeGreaterThan(1)
  await expectComplete(item, 90_000)

  // Mid-session: the seeder has been paid for all but at most one batch of what it sent.
  // (The Peers table is sampled once a second: it may lag the progress bar by that much.)
  await expect.poll(() => verifiedBytesFrom(leecher.page, bob.address)).toBe(2_268_895)
  const verified = await verifiedBytesFrom(leecher.page, bob.address)
  const owed = owedSun(verified, RATE)
  await expect
    .poll(() => node.balanceOf(bob.address) - bobBefore, { timeout: 20_000 })
    .toBeGreaterThan(owed - BATCH_SUN)
  const paidMidSession = node.balanceOf(bob.address) - bobBefore
  expect(paidMidSession).toBeGreaterThan(0)

  await endSession(leecher.page)
  // Everything owed, exactly: rate x verified bytes, in integer sun. The one exception is the rule
  // for the last payment: a remainder smaller than a transfer's fee is not paid (it would cost more
  // than it gives). Whether one is left depends on when the last 2 s round ran, so both outcomes
  // are allowed, and nothing else: never more than owed, never short by a fee's worth or more.
  const paidInAll = node.balanceOf(bob.address) - bobBefore
  expect(paidInAll).toBeLessThanOrEqual(owed)
  expect(owed - paidInAll).toBeLessThan(TRANSFER_FEE_SUN)

  // Receipts match the chain: every tip confirmed with the fee the devnet charged; nothing left behind.
  const all = await receiptsOf(leecher.page)
  const tips = all.filter((receipt) => !receipt.purpose)
  expect(tips.length).toBeGreaterThanOrEqual(2)
  for (const receipt of all) {
    expect(receipt.status).toBe('confirmed')
    expect(receipt.feeSun).toBe(await transactionFee(node, receipt.txId ?? ''))
  }
  expect(tips.reduce((sum, receipt) => sum + receipt.amountSun, 0)).toBe(paidInAll)
  const funding = all.find((receipt) => receipt.purpose === 'funding')
  const sweep = all.find((receipt) => receipt.purpose === 'sweep')
  expect(funding?.amountSun).toBe(20 * SUN_PER_TRX)
  const sessionWallet = funding?.to ?? ''
  expect(node.balanceOf(sessionWallet)).toBe(0)
  const tipFees = tips.reduce((sum, receipt) => sum + (receipt.feeSun ?? 0), 0)
  const allFees = all.reduce((sum, receipt) => sum + (receipt.feeSun ?? 0), 0)
  // Alice is out exactly the tips and the fees; the rest came back.
  expect(aliceBefore - node.balanceOf(alice.address)).toBe(paidInAll + allFees)
  expect(sweep?.amountSun).toBe(20 * SUN_PER_TRX - paidInAll - tipFees - (sweep?.feeSun ?? 0))
  console.log(
    `auto-tips: ${tips.length} payments, ${owed} sun tipped, ${tipFees} sun in tip fees ` +
      `(${((100 * tipFees) / owed).toFixed(1)} %), wallet prompts: ${leecherWallet.prompts}`,
  )
  // Connect, the setup signature the session key is derived from (once ever per wallet and
  // network), then the funding transfer: the only prompts of a whole tipping session.
  expect(leecherWallet.prompts).toBe(3)

  // The seeder checked each payment notice on chain and lists the tips it received.
  await openReceipts(seeder.page)
  const received = seeder.page.getByRole('table', { name: 'Tips received' })
  await expect(received.locator('tbody tr[data-txid]')).toHaveCount(tips.length, { timeout: 30_000 })

  await closePeers(seeder, leecher)
  await node.close()
})

test('auto-tips stop at the budget, a reload mid-payment pays nobody twice, and End session sweeps the rest back', async ({
  browser,
}) => {
  const node = await devnet()
  const bob = account('bob')
  const alice = account('alice')
  const RATE = 3_000 // 3 MB is worth about 9.4 TRX: more than the 6 TRX budget
  const BUDGET_SUN = 6 * SUN_PER_TRX
  const seeder = await seederSharingAddress(node, browser)
  await setLimits(seeder.page, { uploadKBps: '200' })
  const first = await randomFile('budget-first.bin', 1_200_000)
  const second = await randomFile('budget-second.bin', 2_000_000)
  const firstMagnet = await seedAndCopyMagnet(seeder, [first], 'budget-first.bin')

  const { peer: leecher, wallet: leecherWallet } = await walletPeer(browser, node, 'alice')
  const aliceBefore = node.balanceOf(alice.address)
  const bobBefore = node.balanceOf(bob.address)
  await startTipping(leecher.page, RATE, 6)

  // Injected fault (test builds only): the first automatic tip stops right after its signed
  // transaction is stored, and the page is reloaded at that moment.
  await leecher.page.evaluate(() => localStorage.setItem('fault:halt-before-broadcast', '1'))
  await addByText(leecher.page, firstMagnet)
  await expectComplete(torrentItem(leecher.page, 'budget-first.bin'))
  await expect
    .poll(
      async () => (await receiptsOf(leecher.page)).filter((r) => !r.purpose && r.status === 'signed').length,
      {
        timeout: 20_000,
      },
    )
    .toBe(1)
  await leecher.page.evaluate(() => localStorage.removeItem('fault:halt-before-broadcast'))
  await leecher.page.reload()

  // The session carries on after the reload, with no new prompt; the stored payment lands once.
  await expect(sessionPanel(leecher.page)).toHaveAttribute('data-status', 'active', { timeout: 30_000 })
  // It pays again on this visit, and says so.
  await expect(sessionPanel(leecher.page).getByTestId('session-resumed')).toContainText('3,000 TRX per GB')
  await expect
    .poll(
      async () =>
        (await receiptsOf(leecher.page)).filter((r) => !r.purpose && r.status === 'confirmed').length,
      {
        timeout: 30_000,
      },
    )
    .toBe(1)

  // A second torrent asks for more than the budget holds: tips stop at it.
  const secondMagnet = await seedAndCopyMagnet(seeder, [second], 'budget-second.bin')
  await addByText(leecher.page, secondMagnet)
  await expectComplete(torrentItem(leecher.page, 'budget-second.bin'))
  // Up to a minute: the tips before it go through the page's paced node requests, slower when
  // another test shares the machine.
  await expect(sessionPanel(leecher.page).getByText('The session budget is used up')).toBeVisible({
    timeout: 60_000,
  })

  await endSession(leecher.page)
  const all = await receiptsOf(leecher.page)
  const tips = all.filter((receipt) => !receipt.purpose)
  for (const receipt of all) expect(receipt.status).toBe('confirmed')
  // One transaction per receipt, none twice.
  expect(new Set(all.map((receipt) => receipt.txId)).size).toBe(all.length)
  const tipped = tips.reduce((sum, receipt) => sum + receipt.amountSun, 0)
  const tipFees = tips.reduce((sum, receipt) => sum + (receipt.feeSun ?? 0), 0)
  expect(node.balanceOf(bob.address) - bobBefore).toBe(tipped)
  expect(tipped + tipFees).toBeLessThanOrEqual(BUDGET_SUN)
  // Tips stopped because of the budget, not for lack of debt: well over the budget was owed.
  expect(owedSun(3_200_000, RATE)).toBeGreaterThan(BUDGET_SUN)
  // Nothing lost: what alice is out is exactly the tips and every fee; the session wallet is empty.
  const sessionWallet = all.find((receipt) => receipt.purpose === 'funding')?.to ?? ''
  expect(node.balanceOf(sessionWallet)).toBe(0)
  const allFees = all.reduce((sum, receipt) => sum + (receipt.feeSun ?? 0), 0)
  expect(aliceBefore - node.balanceOf(alice.address)).toBe(tipped + allFees)
  // Connect, the session key's one-time setup signature, the funding.
  expect(leecherWallet.prompts).toBe(3)

  await closePeers(seeder, leecher)
  await node.close()
})
