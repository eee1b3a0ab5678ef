/**
 * Installing: the web app manifest and its icons, magnet links handed to the app in its address, and
 * the app shell served by the service worker when the network is gone.
 */
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
    .poll(() => page.evaluate(async () => (await (await caches.open('app-shell-v1')).keys()).length))
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
