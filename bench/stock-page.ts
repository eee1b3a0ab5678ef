/**
 * Stock WebTorrent for comparison: its prebuilt browser bundle and its streaming service worker,
 * unmodified, on a plain page with no app code, using its default store and settings.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { servePlainSite, type PlainSite } from './blank-page.ts'
import { installPageTimers, type VideoTimes } from './page-timers.ts'
import type { StreamRound } from './realistic-stream.ts'

const require = createRequire(import.meta.url)
const BUNDLE_PATH = require.resolve('webtorrent/dist/webtorrent.min.js')
const WORKER_PATH = require.resolve('webtorrent/dist/sw.min.js')

const STOCK_HTML = `<!doctype html><title>stock WebTorrent</title>
<script type="module">
  import WebTorrent from './webtorrent.min.js'
  window.WebTorrent = WebTorrent
</script>`

/** The part of WebTorrent's API these pages use. */
interface StockClient {
  add(id: string, options: object, ready: (torrent: StockTorrent) => void): StockTorrent
  createServer(options: { controller: ServiceWorkerRegistration }): void
  on(event: 'error', listener: (error: unknown) => void): void
}
interface StockTorrent {
  files: { name: string; streamTo(element: HTMLVideoElement): void }[]
  on(event: string, listener: (error?: unknown) => void): void
}
declare global {
  interface Window {
    WebTorrent: new () => StockClient
  }
}

export interface StockSite {
  /** Milliseconds from `client.add(magnet)` to the torrent's `done`, timed inside a fresh page. */
  timeAddToDone(magnet: string, trackerUrl: string): Promise<number>
  /** From `client.add(magnet)` to the first frame of its video streamed with `streamTo`, then a seek. */
  timeFirstFrame(magnet: string, trackerUrl: string): Promise<VideoTimes>
  /** The same for the file `fileName` of `length` bytes, then its stalls over `watchMs` (realistic media). */
  timeStream(
    magnet: string,
    trackerUrl: string,
    fileName: string,
    length: number,
    watchMs: number,
    prepare: (context: BrowserContext) => Promise<void>,
  ): Promise<StreamRound>
  close(): Promise<void>
}

export async function serveStockSite(browser: Browser): Promise<StockSite> {
  const site: PlainSite = await servePlainSite(STOCK_HTML, {
    '/webtorrent.min.js': { body: await readFile(BUNDLE_PATH), type: 'text/javascript' },
    '/sw.min.js': { body: await readFile(WORKER_PATH), type: 'text/javascript' },
  })

  async function inFreshPage<T>(
    run: (page: Page) => Promise<T>,
    prepare?: (context: BrowserContext) => Promise<void>,
  ): Promise<T> {
    const context = await browser.newContext()
    try {
      await installPageTimers(context)
      await prepare?.(context)
      const page = await context.newPage()
      await page.goto(site.url)
      await page.waitForFunction(() => 'WebTorrent' in window)
      return await run(page)
    } finally {
      await context.close()
    }
  }

  return {
    timeAddToDone: (magnet, trackerUrl) =>
      inFreshPage((page) =>
        page.evaluate(
          ({ magnet, trackerUrl }) =>
            new Promise<number>((resolve, reject) => {
              const client = new window.WebTorrent()
              client.on('error', reject)
              const start = performance.now()
              const torrent = client.add(magnet, { announce: [trackerUrl] }, () => {})
              torrent.on('error', reject)
              torrent.on('done', () => resolve(performance.now() - start))
            }),
          { magnet, trackerUrl },
        ),
      ),
    timeFirstFrame: (magnet, trackerUrl) =>
      inFreshPage((page) =>
        page.evaluate(
          async ({ magnet, trackerUrl }) => {
            // WebTorrent's documented set-up for streaming: its worker controls the page first.
            const registration = await navigator.serviceWorker.register('/sw.min.js', { scope: '/' })
            await navigator.serviceWorker.ready
            if (!navigator.serviceWorker.controller) {
              await new Promise((resolve) =>
                navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
              )
            }
            const client = new window.WebTorrent()
            client.createServer({ controller: registration })
            const video = document.createElement('video')
            video.autoplay = true
            video.muted = true
            document.body.append(video)
            const start = performance.now()
            client.add(magnet, { announce: [trackerUrl] }, (torrent) => {
              torrent.files.find((file) => file.name.endsWith('.webm'))?.streamTo(video)
            })
            return window.benchVideoTimes(video, start)
          },
          { magnet, trackerUrl },
        ),
      ),
    timeStream: (magnet, trackerUrl, fileName, length, watchMs, prepare) =>
      inFreshPage(
        (page) =>
          page.evaluate(
            async ({ magnet, trackerUrl, fileName, length, watchMs }) => {
              const registration = await navigator.serviceWorker.register('/sw.min.js', { scope: '/' })
              await navigator.serviceWorker.ready
              if (!navigator.serviceWorker.controller) {
                await new Promise((resolve) =>
                  navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
                )
              }
              const client = new window.WebTorrent()
              client.createServer({ controller: registration })
              const video = document.createElement('video')
              video.autoplay = true
              video.muted = true
              document.body.append(video)
              const start = performance.now()
              client.add(magnet, { announce: [trackerUrl] }, (torrent) => {
                torrent.files.find((file) => file.name === fileName)?.streamTo(video)
              })
              return window.benchWatch(video, start, length, watchMs)
            },
            { magnet, trackerUrl, fileName, length, watchMs },
          ),
        prepare,
      ),
    close: () => site.close(),
  }
}
