/**
 * "Save file" of a 2 GB torrent: the downloading tab saves it through the streaming worker as the
 * pieces arrive, while its JS heap and ArrayBuffers are sampled through the DevTools protocol, and a
 * wrapper around the Blob constructor (an init script) records the largest Blob the page makes.
 * Saving must hold neither the file nor a Blob of it.
 */
import { stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { openAppPeer, seedFile } from './app-peer.ts'
import { withDeadline } from './deadline.ts'
import { writeRandomFile } from './random-file.ts'
import { copyFile, mkdir } from 'node:fs/promises'

export const SAVE_FILE_BYTES = 2 * 1024 * 1024 * 1024
const FILE_NAME = 'bench-save-2gb.bin'
const SAMPLE_INTERVAL_MS = 200

export interface SaveFigures {
  /** Peak of the JS heap plus the ArrayBuffers it owns. */
  peakHeapAndBuffersBytes: number
  largestBlobBytes: number
  seconds: number
}

/** Random bytes, written once per machine: 2 GB takes a while to make. */
async function cachedFile(): Promise<string> {
  const folder = join(tmpdir(), 'bench-save-cache')
  const path = join(folder, FILE_NAME)
  const found = await stat(path).catch(() => null)
  if (found?.size === SAVE_FILE_BYTES) return path
  await mkdir(folder, { recursive: true })
  await copyFile(await writeRandomFile(FILE_NAME, SAVE_FILE_BYTES), path)
  return path
}

function recordBlobs(): void {
  const NativeBlob = Blob
  const state = window as unknown as { __largestBlob: number }
  state.__largestBlob = 0
  window.Blob = class RecordedBlob extends NativeBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      super(parts, options)
      state.__largestBlob = Math.max(state.__largestBlob, this.size)
    }
  }
}

export async function measureSave(browser: Browser, siteUrl: string): Promise<SaveFigures> {
  const filePath = await cachedFile()
  const seeder = await openAppPeer(browser, siteUrl)
  const leecher = await openAppPeer(browser, siteUrl, undefined, async (context) => {
    await context.addInitScript(recordBlobs)
  })
  try {
    const magnet = await seedFile(seeder.page, filePath, 1_200_000)
    const page = leecher.page
    await page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' }).fill(magnet)
    await page.getByRole('button', { name: 'Add torrent' }).click()
    // An added torrent is selected; its file list appears with the metadata.
    const save = page.getByRole('button', { name: 'Save file' }).first()
    await save.waitFor({ timeout: 300_000 })

    const devtools = await page.context().newCDPSession(page)
    let peak = 0
    const sample = async () => {
      const usage = (await devtools.send('Runtime.getHeapUsage')) as {
        usedSize: number
        backingStorageSize?: number
      }
      peak = Math.max(peak, usage.usedSize + (usage.backingStorageSize ?? 0))
    }
    const sampler = setInterval(() => void sample().catch(() => undefined), SAMPLE_INTERVAL_MS)
    try {
      const start = performance.now()
      const downloading = page.waitForEvent('download', { timeout: 60_000 })
      await save.click()
      const download = await downloading
      const savedPath = await withDeadline(download.path(), 1_800_000, 'saving 2 GB')
      const seconds = (performance.now() - start) / 1000
      await sample()
      const failure = await download.failure()
      if (failure) throw new Error(`the download failed: ${failure}`)
      const saved = await stat(savedPath)
      if (saved.size !== SAVE_FILE_BYTES) throw new Error(`saved ${saved.size} bytes, not ${SAVE_FILE_BYTES}`)
      const largestBlobBytes = await page.evaluate(
        () => (window as unknown as { __largestBlob: number }).__largestBlob,
      )
      return { peakHeapAndBuffersBytes: peak, largestBlobBytes, seconds }
    } finally {
      clearInterval(sampler)
      await devtools.detach()
    }
  } finally {
    await leecher.close()
    await seeder.close()
  }
}
