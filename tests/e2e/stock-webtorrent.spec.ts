/**
 * Interoperability with peers that know nothing of tipping: stock WebTorrent (its prebuilt browser
 * bundle, unmodified, on a plain page with no app code) seeds to the app and leeches from it, over
 * WebRTC through the same tracker. The app speaks `tt_tip` only to peers that announce it.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { expect, test, type Browser, type Page } from './test'
import { randomFile } from './fixtures'
import {
  addByText,
  closePeers,
  expectComplete,
  fileHash,
  openPeer,
  saveFileHash,
  seedAndCopyMagnet,
  torrentItem,
} from './helpers'

const TRACKER = `ws://127.0.0.1:${process.env.E2E_TRACKER_PORT ?? 8123}`
const bundlePath = createRequire(import.meta.url).resolve('webtorrent/dist/webtorrent.min.js')

const STOCK_HTML = `<!doctype html><title>stock WebTorrent</title>
<script type="module">
  import WebTorrent from './webtorrent.min.js'
  window.client = new WebTorrent()
  window.webTorrentReady = true
</script>`

/**
 * A plain page that loads only WebTorrent's own bundle, served from loopback by the test (a page
 * Playwright fulfils itself counts as public to Chromium, which then blocks loopback trackers).
 */
async function openStockPage(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const bundle = await readFile(bundlePath)
  const server = createServer((request, response) => {
    const isBundle = request.url?.endsWith('/webtorrent.min.js') ?? false
    response.writeHead(200, { 'content-type': isBundle ? 'text/javascript' : 'text/html' })
    response.end(isBundle ? bundle : STOCK_HTML)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`http://127.0.0.1:${port}/`)
  await page.waitForFunction(
    () => (window as unknown as { webTorrentReady?: boolean }).webTorrentReady === true,
  )
  return {
    page,
    close: async () => {
      await context.close()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

test('stock WebTorrent seeds to the app and leeches from it', async ({ browser }) => {
  const stock = await openStockPage(browser)

  // Stock seeds, the app leeches.
  const fromStock = 'from-stock.bin'
  const stockBytes = await readFile(await randomFile(fromStock, 2 * 1024 * 1024))
  const magnet = await stock.page.evaluate(
    ({ bytes, name, tracker }) =>
      new Promise<string>((resolve) => {
        const file = new File([new Uint8Array(bytes)], name)
        const client = (window as unknown as { client: { seed: (...args: unknown[]) => void } }).client
        client.seed(file, { announce: [tracker] }, (torrent: { magnetURI: string }) =>
          resolve(torrent.magnetURI),
        )
      }),
    { bytes: [...stockBytes], name: fromStock, tracker: TRACKER },
  )
  const app = await openPeer(browser)
  await addByText(app.page, magnet)
  await expectComplete(torrentItem(app.page, fromStock))
  const appCopy = await saveFileHash(app.page, fromStock)
  expect(appCopy).toBe(createHash('sha256').update(stockBytes).digest('hex'))
  // The stock peer is listed as a peer without tipping.
  await torrentItem(app.page, fromStock).click()
  await expect(app.page.getByRole('table', { name: 'Peers' }).getByText('no tipping')).toBeVisible()

  // The app seeds, stock leeches.
  const fromApp = 'from-app.bin'
  const appFile = await randomFile(fromApp, 2 * 1024 * 1024)
  const appMagnet = await seedAndCopyMagnet(app, [appFile], fromApp)
  const stockCopy = await stock.page.evaluate(
    (link) =>
      new Promise<number[]>((resolve, reject) => {
        const client = (window as unknown as { client: { add: (...args: unknown[]) => unknown } }).client
        client.add(
          link,
          (torrent: {
            on: (event: string, listener: () => void) => void
            files: { blob(): Promise<Blob> }[]
          }) => {
            torrent.on('done', () => {
              const [file] = torrent.files
              if (!file) return reject(new Error('no file'))
              file
                .blob()
                .then((blob) => blob.arrayBuffer())
                .then((buffer) => resolve([...new Uint8Array(buffer)]), reject)
            })
          },
        )
      }),
    appMagnet,
  )
  expect(createHash('sha256').update(Uint8Array.from(stockCopy)).digest('hex')).toBe(await fileHash(appFile))

  await closePeers(app)
  await stock.close()
})
