/**
 * Torrents as public sites publish them, and private ones (BEP 27), against real trackers: the
 * suite's, and trackers this file starts itself so it can read which info hashes were announced.
 */
import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { readFile, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import createTorrent from 'create-torrent'
import { decodeBencode } from '../../src/torrent/input/bencode'
import { startTracker, type RunningTracker } from '../../tools/tracker'
import type { AxeResults } from 'axe-core'
import { expect, test, type Page } from './test'
import { randomFile } from './fixtures'
import {
  addByText,
  closePeers,
  expectComplete,
  infoHashOf,
  openPeer,
  seedAndCopyMagnet,
  torrentItem,
  useTrackers,
} from './helpers'

// What a public site's magnet names: trackers a browser cannot use (nothing listens on port 9).
const UDP_TRACKER = 'udp://127.0.0.1:9/announce'
const HTTP_TRACKER = 'http://127.0.0.1:9/announce'

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** Serious or critical axe violations inside the torrent list, in the light and the dark theme. */
async function listViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SCRIPT })
  const found: string[] = []
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    const results = await page.evaluate(() =>
      (window as unknown as { axe: { run: (context: string) => Promise<AxeResults> } }).axe.run(
        '[aria-label="Torrents"]',
      ),
    )
    expect(results.passes.length).toBeGreaterThan(5)
    for (const violation of results.violations)
      if (violation.impact === 'serious' || violation.impact === 'critical')
        found.push(`${colorScheme}: ${violation.id} (${violation.help})`)
  }
  await page.emulateMedia({ colorScheme: 'light' })
  return found
}

test('a magnet naming only UDP/HTTP trackers explains after 20 s why no peer came, then completes through the user’s WebSocket tracker', async ({
  browser,
}) => {
  const fileName = 'public-site.bin'
  const file = await randomFile(fileName, 512 * 1024)
  // The first seeder only makes the magnet; it leaves, so the leecher starts alone.
  const first = await openPeer(browser)
  const infoHash = infoHashOf(await seedAndCopyMagnet(first, [file], fileName))
  await first.context.close()
  const magnet = `magnet:?xt=urn:btih:${infoHash}&dn=${encodeURIComponent(fileName)}&tr=${encodeURIComponent(UDP_TRACKER)}&tr=${encodeURIComponent(HTTP_TRACKER)}`

  // The axe scanner is injected as an inline script, which the app's CSP would block (as in accessibility.spec.ts).
  const leecher = await openPeer(browser, undefined, { bypassCSP: true })
  await addByText(leecher.page, magnet)
  const item = torrentItem(leecher.page, fileName)
  const why = item.getByRole('status').filter({ hasText: 'WebRTC' })
  await expect(why).toHaveCount(0)
  // Not before 20 s: a torrent usually finds its peers in a few seconds.
  await leecher.page.waitForTimeout(15_000)
  await expect(why).toHaveCount(0)
  await expect(why).toBeVisible({ timeout: 15_000 })
  await expect(why).toContainText('qBittorrent')
  await expect(why).toContainText('only UDP/HTTP trackers')
  await expect(why).toContainText('no web seed')
  // The suite's tracker (the user's, from Settings) answers: that reason does not apply.
  await expect(why).not.toContainText('answered')
  await expect(why).toContainText('Settings')
  expect(await listViolations(leecher.page)).toEqual([])

  // The same file seeded again (same info hash), reachable only through the user's tracker.
  const seeder = await openPeer(browser)
  await seeder.page.getByLabel('Seed files').setInputFiles([file])
  await expectComplete(item)
  await expect(why).toHaveCount(0)
  await expect(leecher.page.getByRole('alert')).toHaveCount(0)
  await closePeers(seeder, leecher)
})

/** A .torrent made in Node, announcing only to `tracker`, written beside `file`. */
async function torrentFileFor(file: string, tracker: string, isPrivate: boolean): Promise<string> {
  const bytes = await new Promise<Uint8Array>((resolve, reject) =>
    createTorrent(file, { announceList: [[tracker]], private: isPrivate }, (error, torrent) =>
      error ? reject(error) : resolve(torrent),
    ),
  )
  const path = join(dirname(file), `${basename(file)}.torrent`)
  await writeFile(path, bytes)
  return path
}

async function infoHashOfTorrent(path: string): Promise<string> {
  const bytes = new Uint8Array(await readFile(path))
  const info = decodeBencode(bytes).topLevelRanges.get('info')
  if (!info) throw new Error(`no info dictionary in ${path}`)
  return createHash('sha1').update(bytes.subarray(info.start, info.end)).digest('hex')
}

test('a private .torrent announces only to its own tracker, also after a reload; a public one gets the user’s tracker too', async ({
  browser,
}) => {
  let own: RunningTracker | undefined
  let users: RunningTracker | undefined
  try {
    own = await startTracker(0)
    users = await startTracker(0)
    const publicTorrent = await torrentFileFor(await randomFile('public.bin', 64 * 1024), own.url, false)
    const privateTorrent = await torrentFileFor(await randomFile('private.bin', 64 * 1024), own.url, true)
    const publicHash = await infoHashOfTorrent(publicTorrent)
    const privateHash = await infoHashOfTorrent(privateTorrent)

    const leecher = await openPeer(browser)
    await useTrackers(leecher.page, [users.url])
    await leecher.page.getByLabel('Open torrent file').setInputFiles(publicTorrent)
    await leecher.page.getByLabel('Open torrent file').setInputFiles(privateTorrent)
    await expect(torrentItem(leecher.page, 'private.bin')).toBeVisible()

    const ownTracker = own
    const usersTracker = users
    await expect.poll(() => ownTracker.infoHashes().sort()).toEqual([publicHash, privateHash].sort())
    await expect.poll(() => usersTracker.infoHashes()).toContain(publicHash)
    expect(usersTracker.infoHashes()).not.toContain(privateHash)

    // Restored from the library: the private torrent still keeps to its own tracker.
    await leecher.page.reload()
    await expect(torrentItem(leecher.page, 'private.bin')).toBeVisible()
    await leecher.page.waitForTimeout(3_000)
    expect(usersTracker.infoHashes()).not.toContain(privateHash)
    await expect(leecher.page.getByRole('alert')).toHaveCount(0)
    await leecher.context.close()
  } finally {
    await own?.close()
    await users?.close()
  }
})
