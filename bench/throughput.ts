/**
 * Throughput side by side, in one run: the raw data channel (the limit), the app with IndexedDB and a
 * tipping session running, the app with WebTorrent's in-memory store (tipping on as well), and stock
 * WebTorrent, all downloading the same 100 MB torrent from the same browser peer (the app, seeding,
 * its address shared so that the tipping leechers pay it). The order rotates every round so that no
 * contender always runs first or last.
 */
import type { Browser } from '@playwright/test'
import type { RunningDevnet } from '../tools/devnet/server.ts'
import { openAppPeer, seedFile, shareAddress, startTipping, timeAddToDone } from './app-peer.ts'
import { openRawChannel } from './datachannel.ts'
import { withDeadline } from './deadline.ts'
import type { StockSite } from './stock-page.ts'
import { writeRandomFile, BENCH_FILE_BYTES, MB } from './random-file.ts'

/** Enough for several automatic tips during a 100 MB download (one batch is about 2.7 TRX). */
const TIP_RATE_TRX_PER_GB = 100
const SESSION_BUDGET_TRX = 30

export type Contender = 'limit' | 'ours' | 'ours-memory' | 'stock'
const CONTENDERS: readonly Contender[] = ['limit', 'ours', 'stock', 'ours-memory']

export type ThroughputFigures = Record<Contender, number[]>

export async function measureThroughput(
  browser: Browser,
  stack: { siteUrl: string; trackerUrl: string; devnet: RunningDevnet },
  stock: StockSite,
  rounds: number,
  onProgress: (line: string) => void,
): Promise<{ figures: ThroughputFigures; closeSeeder: () => Promise<void> }> {
  const filePath = await writeRandomFile('bench-100mb.bin', BENCH_FILE_BYTES)
  const seeder = await openAppPeer(browser, stack.siteUrl, { devnet: stack.devnet, account: 'bob' })
  await shareAddress(seeder.page)
  const magnet = await seedFile(seeder.page, filePath)
  const rawChannel = await openRawChannel(browser)

  const figures: ThroughputFigures = { limit: [], ours: [], 'ours-memory': [], stock: [] }
  try {
    for (let round = 0; round < rounds; round++) {
      const order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length]!)
      for (const contender of order) {
        const milliseconds = await withDeadline(timeDownload(contender), 300_000, `${contender} download`)
        const mbPerSecond = BENCH_FILE_BYTES / MB / (milliseconds / 1000)
        figures[contender].push(mbPerSecond)
        onProgress(`round ${round + 1}/${rounds} ${contender}: ${mbPerSecond.toFixed(1)} MB/s`)
      }
    }
  } finally {
    await rawChannel.close()
  }
  return { figures, closeSeeder: () => seeder.close() }

  async function timeDownload(contender: Contender): Promise<number> {
    if (contender === 'limit') return rawChannel.transfer(BENCH_FILE_BYTES)
    if (contender === 'stock') return stock.timeAddToDone(magnet, stack.trackerUrl)
    const leecher = await openAppPeer(browser, stack.siteUrl, { devnet: stack.devnet, account: 'alice' })
    try {
      if (contender === 'ours-memory')
        await leecher.page.evaluate(() => localStorage.setItem('bench:store', 'memory'))
      await startTipping(leecher.page, TIP_RATE_TRX_PER_GB, SESSION_BUDGET_TRX)
      return await timeAddToDone(leecher.page, magnet)
    } finally {
      await leecher.close()
    }
  }
}
