/**
 * Peak JavaScript heap of the downloading tab while a 1 GB torrent streams to its end: the page reads
 * the file through the streaming worker (the URL a video element would use) as fast as it arrives,
 * while the heap is sampled through the DevTools protocol. With pieces going to IndexedDB the tab
 * must not hold the file.
 */
import type { Browser } from '@playwright/test'
import { openAppPeer, seedFile } from './app-peer.ts'
import { withDeadline } from './deadline.ts'
import { MB, writeRandomFile } from './random-file.ts'

export const STREAM_FILE_BYTES = 1024 * 1024 * 1024
const SAMPLE_INTERVAL_MS = 200
const FILE_NAME = 'bench-1gb.bin'

export interface MemoryFigures {
  peakHeapBytes: number
  /** Peak bytes of ArrayBuffers held by the page's heap (piece data lives in these). */
  peakArrayBufferBytes: number
  /** The heap when the stream started, for comparison. */
  startHeapBytes: number
  streamMBps: number
}

export async function measureStreamingMemory(
  browser: Browser,
  siteUrl: string,
  rounds: number,
): Promise<MemoryFigures[]> {
  const filePath = await writeRandomFile(FILE_NAME, STREAM_FILE_BYTES)
  const seeder = await openAppPeer(browser, siteUrl)
  try {
    const magnet = await seedFile(seeder.page, filePath, 900_000)
    const figures: MemoryFigures[] = []
    for (let round = 0; round < rounds; round++) figures.push(await streamToTheEnd(browser, siteUrl, magnet))
    return figures
  } finally {
    await seeder.close()
  }
}

async function streamToTheEnd(browser: Browser, siteUrl: string, magnet: string): Promise<MemoryFigures> {
  const leecher = await openAppPeer(browser, siteUrl)
  try {
    const page = leecher.page
    await page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' }).fill(magnet)
    await page.getByRole('button', { name: 'Add torrent' }).click()
    await page.getByRole('button', { name: 'Save file' }).first().waitFor()

    const devtools = await page.context().newCDPSession(page)
    // V8's heap, plus the ArrayBuffers it owns (where piece data would sit if the tab kept it).
    const heapUsed = async () => {
      const usage = (await devtools.send('Runtime.getHeapUsage')) as {
        usedSize: number
        backingStorageSize?: number
      }
      return { js: usage.usedSize, buffers: usage.backingStorageSize ?? 0 }
    }
    const startHeap = await heapUsed()
    const peak = { ...startHeap }
    const sample = async () => {
      const now = await heapUsed()
      peak.js = Math.max(peak.js, now.js)
      peak.buffers = Math.max(peak.buffers, now.buffers)
    }
    const sampler = setInterval(() => void sample().catch(() => undefined), SAMPLE_INTERVAL_MS)
    try {
      const infoHash = /xt=urn:btih:([0-9a-f]{40})/i.exec(magnet)?.[1]?.toLowerCase() ?? ''
      const reading = page.evaluate(
        async ({ infoHash, name }) => {
          const start = performance.now()
          const response = await fetch(`/webtorrent/${infoHash}/${encodeURIComponent(name)}`)
          const reader = response.body!.getReader()
          for (;;) {
            const { done } = await reader.read()
            if (done) return performance.now() - start
          }
        },
        { infoHash, name: FILE_NAME },
      )
      const milliseconds = await withDeadline(reading, 900_000, 'streaming 1 GB')
      await sample()
      return {
        peakHeapBytes: peak.js,
        peakArrayBufferBytes: peak.buffers,
        startHeapBytes: startHeap.js,
        streamMBps: STREAM_FILE_BYTES / MB / (milliseconds / 1000),
      }
    } finally {
      clearInterval(sampler)
      await devtools.detach()
    }
  } finally {
    await leecher.close()
  }
}
