/**
 * Hostile peers on the wire, beyond tests/e2e/hostile-peers.spec.ts. Injected in a test build
 * through localStorage flags (read by the decorators in src/testing/, test builds only) in the hostile peer's own page:
 * - `fault:tt-tip-flood = N`: N bad tt_tip messages right after its hello (oversized, not UTF-8, not
 *   JSON, unknown type, other version, notices of transactions that do not exist);
 * - `fault:never-upload`: it requests every piece and never sends a block.
 */
import { expect, test, type Page } from './test'
import { randomFile } from './fixtures'
import { addByText, closePeers, expectComplete, openPeer, torrentItem } from './helpers'
import {
  account,
  devnet,
  endSession,
  shareAddress,
  startTipping,
  walletPeer,
  tippableSeeder,
} from './wallet-fixtures'

/** docs/PROTOCOL.md: a connection with more dropped messages than this is closed. */
const MAX_DROPPED_MESSAGES = 20

async function inject(page: Page, faults: Record<string, string>): Promise<void> {
  await page.evaluate((entries) => {
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value)
  }, faults)
}

/** Starts recording the page's long tasks: how long its main thread was busy in one go. */
async function recordLongTasks(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const durations: number[] = []
    ;(window as unknown as { longTasks: number[] }).longTasks = durations
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) durations.push(entry.duration)
    }).observe({ type: 'longtask' })
  })
  return () => page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks))
}

function peerRows(page: Page) {
  return page.getByRole('table', { name: 'Peers' }).locator('tbody tr[data-peer-id]')
}

test('a flood of bad tt_tip messages gets the flooder dropped with no credit or priority; the honest download completes', async ({
  browser,
}) => {
  const node = await devnet()
  const fileName = 'flooded.bin'
  const filePath = await randomFile(fileName, 3 * 1024 * 1024)

  const { seeder, magnet } = await tippableSeeder(browser, node, 'bob', {
    files: [filePath],
    fileName,
    uploadKBps: 400,
  })
  await torrentItem(seeder.page, fileName).click()
  const longestTask = await recordLongTasks(seeder.page)

  // The flooder proves its address honestly, so its payment notices are checked, not just dropped.
  const { peer: flooder } = await walletPeer(browser, node, 'dave')
  await inject(flooder.page, { 'fault:tt-tip-flood': '300' })
  await shareAddress(flooder)
  const honest = await openPeer(browser)
  await addByText(flooder.page, magnet)
  await addByText(honest.page, magnet)

  const rows = peerRows(seeder.page)
  const droppedMost = () =>
    rows.evaluateAll((trs) => Math.max(0, ...trs.map((tr) => Number(tr.getAttribute('data-dropped')))))
  await expect.poll(droppedMost, { timeout: 30_000 }).toBeGreaterThan(MAX_DROPPED_MESSAGES)
  await expectComplete(torrentItem(honest.page, fileName), 60_000)

  // Every connection over the limit was closed; none of them earned credit or the tipper mark.
  for (const row of await rows.all()) {
    if (Number(await row.getAttribute('data-dropped')) > MAX_DROPPED_MESSAGES)
      await expect(row).toContainText('(left)')
  }
  for (const cell of await rows.locator('td[data-received-sun]').all())
    await expect(cell).toHaveAttribute('data-received-sun', '0')
  await expect(seeder.page.getByText('tipper')).toHaveCount(0)

  // Responsive throughout: no task held the seeder's main thread for long, and it answers at once.
  const started = Date.now()
  await seeder.page.evaluate(() => 1)
  expect(Date.now() - started).toBeLessThan(1_000)
  const longest = await longestTask()
  test.info().annotations.push({ type: 'longest task on the seeder (ms)', description: String(longest) })
  expect(longest).toBeLessThan(1_000)

  await closePeers(seeder, flooder, honest)
  await node.close()
})

test('a freeloader that requests everything and uploads nothing is never owed or paid; the honest tipper is served and completes', async ({
  browser,
}) => {
  const node = await devnet()
  const bob = account('bob')
  const dave = account('dave')
  const fileName = 'freeloaded.bin'
  // Long enough for priority to matter: the tipper's first payment (node requests are paced at one a
  // second) and its check by the seeder take a few seconds of the download.
  const size = 6 * 1024 * 1024

  const { seeder, magnet } = await tippableSeeder(browser, node, 'bob', {
    files: [await randomFile(fileName, size)],
    fileName,
    uploadKBps: 400,
  })

  // The freeloader has a proven address, so a ledger bug would have somewhere to send money.
  const { peer: freeloader } = await walletPeer(browser, node, 'dave')
  await inject(freeloader.page, { 'fault:never-upload': '1' })
  await shareAddress(freeloader)
  const { peer: tipper } = await walletPeer(browser, node, 'alice')
  await startTipping(tipper.page, 3_000, 30)
  const daveBefore = node.balanceOf(dave.address)
  const bobBefore = node.balanceOf(bob.address)

  await addByText(freeloader.page, magnet)
  await addByText(tipper.page, magnet)
  const item = torrentItem(tipper.page, fileName)
  await item.click()
  await expectComplete(item, 60_000)

  // At the tipper's completion the seeder had sent it at least its fair share.
  await torrentItem(seeder.page, fileName).click()
  const sent = await peerRows(seeder.page).evaluateAll((trs) =>
    trs.map((tr) => ({
      address: tr.getAttribute('data-address'),
      bytes: Number(tr.querySelector('td[data-uploaded]')?.getAttribute('data-uploaded')),
    })),
  )
  const toTipper = sent
    .filter((row) => row.address === account('alice').address)
    .reduce((a, r) => a + r.bytes, 0)
  const total = sent.reduce((sum, row) => sum + row.bytes, 0)
  test.info().annotations.push({
    type: 'tipper share of the seeder upload',
    description: (toTipper / total).toFixed(2),
  })
  expect(toTipper / total).toBeGreaterThanOrEqual(0.5)

  // The tipper got nothing from the freeloader, owes it nothing and pays it nothing.
  const freeloaderRow = peerRows(tipper.page).and(tipper.page.locator(`[data-address="${dave.address}"]`))
  // Rows are per connection and the freeloader may reconnect at any moment: each of its rows, read at
  // once, shows nothing received and nothing owed.
  const freeloaderFacts = () =>
    freeloaderRow.evaluateAll((rows) =>
      rows.map((row) => [
        row.querySelector('td[data-bytes]')?.getAttribute('data-bytes'),
        row.querySelector('td[data-owed-sun]')?.getAttribute('data-owed-sun'),
      ]),
    )
  await expect.poll(async () => (await freeloaderFacts()).length).toBeGreaterThan(0)
  expect(await freeloaderFacts()).toEqual(expect.arrayContaining([['0', '0']]))
  expect((await freeloaderFacts()).every(([bytes, owed]) => bytes === '0' && owed === '0')).toBe(true)
  await endSession(tipper.page)
  // Rows are per connection: the freeloader may have reconnected by now. None of its rows was paid.
  const paidToFreeloader = await freeloaderRow
    .locator('td[data-paid-sun]')
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-paid-sun')))
  expect(paidToFreeloader.length).toBeGreaterThan(0)
  expect(paidToFreeloader.every((paid) => paid === '0')).toBe(true)
  expect(node.balanceOf(dave.address)).toBe(daveBefore)
  expect(node.balanceOf(bob.address)).toBeGreaterThan(bobBefore)

  await closePeers(seeder, freeloader, tipper)
  await node.close()
})
