/**
 * A tipping session's payments against a node that behaves like a public java-tron node: it refuses
 * every query for a while (HTTP 403, a rate limit) right after the first tip is broadcast, or a tip
 * lands while its tab dies and the tab comes back after the transaction expired (java-tron then
 * refuses a resend as expired, not as a duplicate). Every peer must be paid exactly what it is owed,
 * once. Real WebRTC, real tracker, real devnet checking real signatures; rates are realistic
 * (20 TRX per GB), so tips are paid when the session ends (mid-session batches need 2.68 TRX owed).
 */
import { randomFile } from './fixtures'
import { addByText, closePeers, crashTab, expectComplete, torrentItem, type Peer } from './helpers'
import { expect, test } from './test'
import {
  account,
  devnet,
  owedSun,
  receiptsOf,
  sessionPanel,
  startTipping,
  tippableSeeder,
  verifiedBytesFrom,
  walletPeer,
} from './wallet-fixtures'
import type { Page } from '@playwright/test'
import type { RunningDevnet } from '../../tools/devnet/server.ts'

const RATE_TRX_PER_GB = 20
const FILE_BYTES = 20 * 1024 * 1024

/** Resolves as soon as the devnet holds a transfer to one of `addresses` (its head balance moved). */
async function firstTransferTo(node: RunningDevnet, addresses: string[]): Promise<string> {
  const before = new Map(addresses.map((address) => [address, node.balanceOf(address)]))
  for (;;) {
    for (const address of addresses) if (node.balanceOf(address) !== before.get(address)) return address
    // The devnet runs in this process: a short timer sees the broadcast within milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

async function clickEndSession(page: Page): Promise<void> {
  await sessionPanel(page).getByRole('button', { name: 'End session' }).click()
}

test('the node refuses every query (HTTP 403) right after the first tip is broadcast: each peer is paid exactly once, and the session ends', async ({
  browser,
  expectProblems,
}) => {
  test.setTimeout(300_000)
  expectProblems(/status of 403/, 'the devnet refuses every request for 35 s on purpose')
  const node = await devnet()
  const bob = account('bob')
  const carol = account('carol')
  const seeders: Peer[] = []
  const magnets: string[] = []
  for (const name of ['bob', 'carol']) {
    const fileName = `rate-limited-${name}.bin`
    const { seeder, magnet } = await tippableSeeder(browser, node, name, {
      files: [await randomFile(fileName, FILE_BYTES)],
      fileName,
      uploadKBps: 20_000,
    })
    seeders.push(seeder)
    magnets.push(magnet)
  }

  const { peer: leecher } = await walletPeer(browser, node, 'alice')
  await startTipping(leecher.page, RATE_TRX_PER_GB, 5)
  const bobBefore = node.balanceOf(bob.address)
  const carolBefore = node.balanceOf(carol.address)
  for (const magnet of magnets) await addByText(leecher.page, magnet)
  for (const [name, address] of [
    ['bob', bob.address],
    ['carol', carol.address],
  ] as const) {
    const item = torrentItem(leecher.page, `rate-limited-${name}.bin`)
    await expectComplete(item, 90_000)
    // The Peers table shows the selected torrent's peers.
    await item.click()
    await expect.poll(() => verifiedBytesFrom(leecher.page, address)).toBe(FILE_BYTES)
  }

  // End session pays both; the moment the first tip reaches the node, the node bans this client.
  const firstPaid = firstTransferTo(node, [bob.address, carol.address])
  await clickEndSession(leecher.page)
  const first = await firstPaid
  node.setRateLimited(35_000, 403)
  const bannedAt = Date.now()

  await expect(sessionPanel(leecher.page)).toHaveAttribute('data-status', 'ended', { timeout: 150_000 })
  const endedAfterMs = Date.now() - bannedAt

  // Paid exactly what was owed, once each: the chain, not the receipts, is the judge.
  const owed = owedSun(FILE_BYTES, RATE_TRX_PER_GB)
  expect(node.balanceOf(bob.address) - bobBefore).toBe(owed)
  expect(node.balanceOf(carol.address) - carolBefore).toBe(owed)
  const receipts = await receiptsOf(leecher.page)
  const tips = receipts.filter((receipt) => !receipt.purpose)
  expect(tips.map((receipt) => receipt.status)).toEqual(['confirmed', 'confirmed'])
  expect(new Set(tips.map((receipt) => receipt.to))).toEqual(new Set([bob.address, carol.address]))
  expect(new Set(receipts.map((receipt) => receipt.txId)).size).toBe(receipts.length)
  const sessionWallet = receipts.find((receipt) => receipt.purpose === 'funding')?.to ?? ''
  expect(node.balanceOf(sessionWallet)).toBe(0)
  console.log(
    `rate limit mid-payment: first tip to ${first === bob.address ? 'bob' : 'carol'}, ` +
      `${owed} sun owed and paid to each, session ended ${(endedAfterMs / 1000).toFixed(1)} s after the ban began`,
  )

  await closePeers(leecher, ...seeders)
  await node.close()
})

test('a tip lands while its tab crashes, and the tab is reopened after the transaction expired: the receipt is confirmed, the peer paid once', async ({
  browser,
  expectProblems,
}) => {
  test.setTimeout(300_000)
  expectProblems(
    /ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|Network Error/,
    'the broadcast answer is lost on purpose',
  )
  const node = await devnet()
  const bob = account('bob')
  const fileName = 'crash-after-broadcast.bin'
  const { seeder, magnet } = await tippableSeeder(browser, node, 'bob', {
    files: [await randomFile(fileName, FILE_BYTES)],
    fileName,
    uploadKBps: 20_000,
  })

  const { peer: leecher } = await walletPeer(browser, node, 'alice')
  await startTipping(leecher.page, RATE_TRX_PER_GB, 5)
  const bobBefore = node.balanceOf(bob.address)
  await addByText(leecher.page, magnet)
  await expectComplete(torrentItem(leecher.page, fileName), 90_000)
  await expect.poll(() => verifiedBytesFrom(leecher.page, bob.address)).toBe(FILE_BYTES)

  // Injected faults: the node takes the tip but its answer is lost, and the tab dies before it can
  // ask the node again (test builds only: the page hears nothing more after that broadcast).
  await leecher.page.evaluate(() => localStorage.setItem('fault:halt-after-broadcast', '1'))
  node.dropBroadcastAnswers(1)
  const landed = firstTransferTo(node, [bob.address])
  await clickEndSession(leecher.page)
  await landed
  const signed = (await receiptsOf(leecher.page)).find((receipt) => !receipt.purpose)
  expect(signed?.status).toBe('signed')
  const expiration = (signed as unknown as { expiration: number }).expiration
  await leecher.page.evaluate(() => localStorage.removeItem('fault:halt-after-broadcast'))
  await crashTab(leecher.page)

  // Reopened once the transaction has expired: a resend would now be refused as expired.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiration - Date.now()) + 5_000))
  const page = await leecher.context.newPage()
  await page.goto('/')
  const reopened: Peer = { context: leecher.context, page }
  await expect(sessionPanel(page)).toHaveAttribute('data-status', 'ended', { timeout: 60_000 })

  const receipts = await receiptsOf(page)
  const tips = receipts.filter((receipt) => !receipt.purpose)
  expect(tips).toHaveLength(1)
  expect(tips[0]).toMatchObject({ status: 'confirmed', txId: signed?.txId })
  expect(receipts.filter((receipt) => receipt.status !== 'confirmed')).toEqual([])
  expect(node.balanceOf(bob.address) - bobBefore).toBe(owedSun(FILE_BYTES, RATE_TRX_PER_GB))
  expect(tips[0]?.amountSun).toBe(owedSun(FILE_BYTES, RATE_TRX_PER_GB))
  const sessionWallet = receipts.find((receipt) => receipt.purpose === 'funding')?.to ?? ''
  expect(node.balanceOf(sessionWallet)).toBe(0)

  await closePeers(reopened, seeder)
  await node.close()
})
