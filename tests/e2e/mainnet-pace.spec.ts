/**
 * One whole tipping session at mainnet's pace: a block every 3 s, solidified 19 blocks (~57 s)
 * behind, as java-tron on mainnet. Everything else is as in tipping-session.spec.ts (real WebRTC
 * between browser contexts, real tracker, a devnet checking real signatures, the injected
 * TronLink-compatible test wallet), at a rate people would choose (20 TRX per GB) for a 40 MB file
 * from two seeders. What is measured: how long End session takes and how many payments a minute it
 * makes; what must hold: it ends within five minutes, every receipt confirmed, the session wallet empty.
 */
import { expect, test } from './test'
import { startDevnet } from '../../tools/devnet/server.ts'
import { randomFile } from './fixtures'
import { addByText, closePeers, expectComplete, seedAndCopyMagnet, torrentItem } from './helpers'
import {
  account,
  owedSun,
  receiptsOf,
  sessionPanel,
  shareAddress,
  SUN_PER_TRX,
  TRANSFER_FEE_SUN,
  verifiedBytesFrom,
  walletPeer,
} from './wallet-fixtures'

const RATE = 20 // TRX per GB
const FILE_BYTES = 40_000_000
const BUDGET_TRX = 10
/** The bound for End session at mainnet pace. */
const END_SESSION_LIMIT_MS = 5 * 60_000

test('a whole tipping session at mainnet pace: funded, paid, ended and swept within five minutes', async ({
  browser,
}) => {
  test.setTimeout(12 * 60_000)
  const node = await startDevnet({ port: 0, pace: 'mainnet' })
  const file = await randomFile('mainnet-pace.bin', FILE_BYTES)
  const payees = ['bob', 'carol'] as const
  const seeders = []
  let magnet = ''
  for (const name of payees) {
    const { peer } = await walletPeer(browser, node, name)
    await shareAddress(peer)
    // The same file seeded twice is the same torrent: the info hash depends only on its contents.
    magnet = await seedAndCopyMagnet(peer, [file], 'mainnet-pace.bin')
    seeders.push(peer)
  }
  const before = new Map(payees.map((name) => [name, node.balanceOf(account(name).address)]))

  const { peer: leecher, wallet } = await walletPeer(browser, node, 'alice')
  const panel = sessionPanel(leecher.page)
  await panel.getByRole('textbox', { name: 'Tip rate (TRX per GB)' }).fill(String(RATE))
  await panel.getByRole('textbox', { name: 'Session budget (TRX)' }).fill(String(BUDGET_TRX))
  const fundingStarted = Date.now()
  await panel.getByRole('button', { name: 'Start tipping' }).click()
  // The funding transfer is followed until the chain has solidified it: about a minute.
  await expect(panel).toHaveAttribute('data-status', 'active', { timeout: 180_000 })
  const fundingMs = Date.now() - fundingStarted

  await addByText(leecher.page, magnet)
  await expectComplete(torrentItem(leecher.page, 'mainnet-pace.bin'), 120_000)
  const owed = new Map<string, number>()
  for (const name of payees) {
    // The Peers table is sampled once a second: wait for it to show the last bytes.
    await expect.poll(() => verifiedBytesFrom(leecher.page, account(name).address)).toBeGreaterThan(0)
  }
  await expect
    .poll(async () => {
      let sum = 0
      for (const name of payees) sum += await verifiedBytesFrom(leecher.page, account(name).address)
      return sum
    })
    .toBe(FILE_BYTES)
  for (const name of payees) {
    owed.set(name, owedSun(await verifiedBytesFrom(leecher.page, account(name).address), RATE))
  }

  const endStarted = Date.now()
  await panel.getByRole('button', { name: 'End session' }).click()
  await expect(panel).toHaveAttribute('data-status', 'ended', { timeout: END_SESSION_LIMIT_MS })
  const endMs = Date.now() - endStarted

  const all = await receiptsOf(leecher.page)
  for (const receipt of all) expect(receipt.status).toBe('confirmed')
  expect(new Set(all.map((receipt) => receipt.txId)).size).toBe(all.length)
  const tips = all.filter((receipt) => !receipt.purpose)
  const sessionWallet = all.find((receipt) => receipt.purpose === 'funding')?.to ?? ''
  expect(node.balanceOf(sessionWallet)).toBe(0)
  expect(all.some((receipt) => receipt.purpose === 'sweep')).toBe(true)
  // Each seeder got the rate times its verified bytes, less at most a remainder smaller than a fee.
  for (const name of payees) {
    const paid = node.balanceOf(account(name).address) - (before.get(name) ?? 0)
    const due = owed.get(name) ?? 0
    expect(paid).toBeLessThanOrEqual(due)
    expect(due - paid).toBeLessThan(TRANSFER_FEE_SUN)
  }
  // Connect, the session key's setup signature (once per wallet and network), the funding.
  expect(wallet.prompts).toBe(3)

  const paymentsAtEnd = tips.length + 1 // the tips End session paid, and the sweep
  const perMinute = paymentsAtEnd / (endMs / 60_000)
  const tipped = tips.reduce((sum, receipt) => sum + receipt.amountSun, 0)
  test.info().annotations.push({
    type: 'mainnet pace',
    description:
      `funding active after ${(fundingMs / 1000).toFixed(1)} s; End session took ${(endMs / 1000).toFixed(1)} s ` +
      `for ${paymentsAtEnd} payments (${perMinute.toFixed(2)} per minute); ` +
      `${(tipped / SUN_PER_TRX).toFixed(6)} TRX tipped to ${payees.length} seeders`,
  })
  console.log(test.info().annotations.at(-1)?.description)

  await closePeers(leecher, ...seeders)
  await node.close()
})
