/**
 * Node requests during a tipping session: every request the leecher's and the seeder's pages send
 * to the TRON node (preflights aside), from "Start tipping" until the session has ended, with a
 * download paid along the way and a quiet minute of a running session. Reports, per page, the
 * average rate (requests per second) and the largest burst (most requests within any one second).
 * Budget: on average at most 1 per second, bursts of 5.
 *
 * `npm run bench:node` runs this figure alone; `npm run bench` runs it with the others.
 */
import type { Browser, Page } from '@playwright/test'
import type { RunningDevnet } from '../tools/devnet/server.ts'
import { openAppPeer, seedFile, shareAddress, startTipping, timeAddToDone } from './app-peer.ts'
import { writeRandomFile } from './random-file.ts'

const FILE_BYTES = 150 * 1024 * 1024
const RATE_TRX_PER_GB = 20
const BUDGET_TRX = 10
/** A running session with nothing to pay for a while: balance reads and polls only. */
const QUIET_MS = 60_000

export interface NodeRate {
  averagePerSecond: number
  /** Most requests sent within any window shorter than one second. */
  maxBurst: number
  requests: number
  seconds: number
}

export async function measureNodeRate(
  browser: Browser,
  stack: { siteUrl: string; devnet: RunningDevnet },
  onProgress: (line: string) => void,
): Promise<{ leecher: NodeRate; seeder: NodeRate; payments: number }> {
  const filePath = await writeRandomFile('bench-node-rate.bin', FILE_BYTES)
  const seeder = await openAppPeer(browser, stack.siteUrl, { devnet: stack.devnet, account: 'bob' })
  const leecher = await openAppPeer(browser, stack.siteUrl, { devnet: stack.devnet, account: 'alice' })
  try {
    await shareAddress(seeder.page)
    const magnet = await seedFile(seeder.page, filePath)
    const origin = new URL(stack.devnet.url).origin
    for (const page of [leecher.page, seeder.page])
      await page.evaluate(() => performance.setResourceTimingBufferSize(1_000_000))
    const start = await leecher.page.evaluate(() => Date.now())
    await startTipping(leecher.page, RATE_TRX_PER_GB, BUDGET_TRX)
    const downloadMs = await timeAddToDone(leecher.page, magnet)
    onProgress(`node rate: downloaded in ${(downloadMs / 1000).toFixed(1)} s; a quiet minute follows`)
    await leecher.page.waitForTimeout(QUIET_MS)
    const panel = leecher.page.getByRole('region', { name: 'Tipping session' })
    await panel.getByRole('button', { name: 'End session' }).click()
    await leecher.page.locator('[data-status="ended"]').and(panel).waitFor({ timeout: 300_000 })
    const end = await leecher.page.evaluate(() => Date.now())
    const leecherTimes = await requestTimes(leecher.page, origin)
    const seederTimes = await requestTimes(seeder.page, origin)
    const payments = await leecher.page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('tipping-torrent')
          open.onerror = () => reject(new Error('cannot open the database'))
          open.onsuccess = () => {
            const all = open.result.transaction('receipts').objectStore('receipts').getAll()
            all.onsuccess = () =>
              resolve((all.result as { purpose?: string }[]).filter((r) => !r.purpose).length)
          }
        }),
    )
    return { leecher: rate(leecherTimes, start, end), seeder: rate(seederTimes, start, end), payments }
  } finally {
    await leecher.close()
    await seeder.close()
  }
}

/**
 * When the page started each request to the node, from its own resource timing (the moment fetch was
 * called, on the page's clock): event timestamps taken in this process would blur bursts.
 */
function requestTimes(page: Page, origin: string): Promise<number[]> {
  return page.evaluate(
    (nodeOrigin) =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.startsWith(`${nodeOrigin}/`))
        .map((entry) => performance.timeOrigin + entry.startTime),
    origin,
  )
}

function rate(all: number[], start: number, end: number): NodeRate {
  const times = all.filter((time) => time >= start && time <= end).sort((a, b) => a - b)
  let maxBurst = 0
  for (let first = 0, last = 0; last < times.length; last++) {
    while ((times[last] ?? 0) - (times[first] ?? 0) >= 1000) first++
    maxBurst = Math.max(maxBurst, last - first + 1)
  }
  const seconds = (end - start) / 1000
  return { averagePerSecond: times.length / seconds, maxBurst, requests: times.length, seconds }
}
