/**
 * Installing: the web app manifest and its icons, magnet links handed to the app in its address, and
 * the app shell served by the service worker when the network is gone.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './test'
import { randomFile } from './fixtures'
import { closePeers, expectComplete, openPeer, seedAndCopyMagnet, torrentItem } from './helpers'

interface Manifest {
  name: string
  start_url: string
  display: string
  icons: { src: string; sizes: string; purpose: string }[]
}

test('the page links a manifest whose icons (192, 512, maskable) are served', async ({ page, request }) => {
  await page.goto('/')
  const href = await page.locator('link[rel="manifest"]').getAttribute('href')
  expect(href).toBe('/manifest.webmanifest')
  const manifest = (await (await request.get(href!)).json()) as Manifest
  expect(manifest).toMatchObject({ name: 'Tipping Torrent', start_url: '/', display: 'standalone' })
  const sizes = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`)
  expect(sizes).toEqual(
    expect.arrayContaining(['192x192 any', '512x512 any', '192x192 maskable', '512x512 maskable']),
  )
  for (const icon of manifest.icons) expect((await request.get(icon.src)).ok(), icon.src).toBe(true)
})

test('opening /?magnet=… adds that torrent, once, and offers to handle magnet links', async ({ browser }) => {
  const seeder = await openPeer(browser)
  const filePath = await randomFile('launched.bin', 512 * 1024)
  const magnet = await seedAndCopyMagnet(seeder, [filePath], 'launched.bin')

  const leecher = await openPeer(browser)
  await leecher.page.goto(`/?magnet=${encodeURIComponent(magnet)}`)
  // A link cannot add a torrent on its own: the user is asked first.
  await leecher.page
    .getByRole('dialog', { name: 'Add this torrent?' })
    .getByRole('button', { name: 'Add', exact: true })
    .click()
  const item = torrentItem(leecher.page, 'launched.bin')
  await expectComplete(item)
  // The address no longer carries the magnet: a reload shows the torrent from the library, not twice.
  expect(new URL(leecher.page.url()).search).toBe('')

  await leecher.page.getByRole('button', { name: 'Settings' }).click()
  const settings = leecher.page.getByRole('dialog', { name: 'Settings' })
  await expect(settings.getByRole('button', { name: 'Open magnet links with this app' })).toBeVisible()
  await settings.getByRole('button', { name: 'Done' }).click()

  await closePeers(seeder, leecher)
})

test('after one visit, the app loads with the network gone (the service worker keeps its files)', async ({
  browser,
}) => {
  const visitor = await openPeer(browser)
  const { page, context } = visitor
  // The shell is cached while the worker installs, before it takes control.
  await expect
    .poll(() => page.evaluate(async () => (await (await caches.open('app-shell')).keys()).length))
    .toBeGreaterThan(2)

  await context.setOffline(true)
  await page.reload()
  await expect(page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Try the demo video' })).toBeVisible()
  // Streaming still belongs to the same worker.
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/)
  // Offline, the trackers cannot be reached and say so in the console: not a problem of this test.
  await context.close()
})

/** The addresses the worker keeps for offline use, as paths (revision queries dropped), and its caches. */
function cached(page: Page): Promise<{ caches: string[]; paths: string[] }> {
  return page.evaluate(async () => ({
    caches: await caches.keys(),
    paths: (await (await caches.open('app-shell')).keys()).map((request) => new URL(request.url).pathname),
  }))
}

test('the worker keeps only files served as what they are, and a new build replaces every older cache', async ({
  browser,
}) => {
  // A host that answers a file it lacks with its index page (a common fallback), for one icon: that
  // HTML must never be kept under the icon's address. Only this answer is changed.
  const visitor = await openPeer(browser, async (context) => {
    await context.route('**/icons/icon-192.png', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<!doctype html><title>fallback</title>',
      }),
    )
  })
  const { page } = visitor
  await expect.poll(async () => (await cached(page)).paths).toContain('/index.html')
  const first = await cached(page)
  expect(first.paths.some((path) => /^\/assets\/index-[\w-]+\.js$/.test(path))).toBe(true)
  expect(first.paths).not.toContain('/icons/icon-192.png')
  expect(first.paths).toContain('/icons/icon-512.png')

  // What an older version left behind: its cache under an older name, and a file of an older build.
  await page.evaluate(async () => {
    await (await caches.open('app-shell-v1')).put('/old-shell', new Response('old'))
    await (await caches.open('app-shell')).put('/assets/index-0ld8uild.js', new Response('old build'))
  })
  // A new version of the worker: registered under another address, it installs and activates as
  // the next build's worker would (the server sends the same file; the address alone makes it new).
  await page.evaluate(async () => {
    await navigator.serviceWorker.register('/sw.js?next-build', { scope: '/' })
  })
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL))
    .toMatch(/\/sw\.js\?next-build$/)
  await expect.poll(async () => (await cached(page)).caches).toEqual(['app-shell'])
  await expect.poll(async () => (await cached(page)).paths).not.toContain('/assets/index-0ld8uild.js')
  expect((await cached(page)).paths).toEqual(expect.arrayContaining(first.paths))

  await closePeers(visitor)
})
