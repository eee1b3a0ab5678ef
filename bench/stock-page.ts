/**
 * Stock WebTorrent for comparison: its prebuilt browser bundle, unmodified, on a plain page with no
 * app code, using its default store and settings.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Browser } from '@playwright/test'
import { servePlainSite, type PlainSite } from './blank-page.ts'

const BUNDLE_PATH = createRequire(import.meta.url).resolve('webtorrent/dist/webtorrent.min.js')

const STOCK_HTML = `<!doctype html><title>stock WebTorrent</title>
<script type="module">
  import WebTorrent from './webtorrent.min.js'
  window.WebTorrent = WebTorrent
</script>`

export interface StockSite {
  /** Milliseconds from `client.add(magnet)` to the torrent's `done`, timed inside a fresh page. */
  timeAddToDone(magnet: string, trackerUrl: string): Promise<number>
  close(): Promise<void>
}

export async function serveStockSite(browser: Browser): Promise<StockSite> {
  const site: PlainSite = await servePlainSite(STOCK_HTML, {
    '/webtorrent.min.js': { body: await readFile(BUNDLE_PATH), type: 'text/javascript' },
  })
  return {
    timeAddToDone: async (magnet, trackerUrl) => {
      const context = await browser.newContext()
      try {
        const page = await context.newPage()
        await page.goto(site.url)
        await page.waitForFunction(() => 'WebTorrent' in window)
        return await page.evaluate(
          ({ magnet, trackerUrl }) =>
            new Promise<number>((resolve, reject) => {
              type Client = {
                add(id: string, options: object, ready: (torrent: Emitter) => void): Emitter
                on(event: string, listener: (error: unknown) => void): void
              }
              type Emitter = { on(event: string, listener: (error?: unknown) => void): void }
              const WebTorrent = (window as unknown as { WebTorrent: new () => Client }).WebTorrent
              const client = new WebTorrent()
              client.on('error', reject)
              const start = performance.now()
              const torrent = client.add(magnet, { announce: [trackerUrl] }, () => {})
              torrent.on('error', reject)
              torrent.on('done', () => resolve(performance.now() - start))
            }),
          { magnet, trackerUrl },
        )
      } finally {
        await context.close()
      }
    },
    close: () => site.close(),
  }
}
