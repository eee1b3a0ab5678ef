/** Shared steps for the end-to-end tests: real Chromium contexts talking WebRTC through the local tracker. */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import {
  expect,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from '@playwright/test'
import { randomFile } from './fixtures'

export const SAMPLE_VIDEO = fileURLToPath(new URL('../../public/demo/test-pattern.webm', import.meta.url))

export interface Peer {
  context: BrowserContext
  page: Page
}

/**
 * A fresh browser profile with the app loaded and its streaming worker in control. `prepare` runs
 * on the new context before the page loads (to install a wallet, for example).
 */
export async function openPeer(
  browser: Browser,
  prepare?: (context: BrowserContext) => Promise<void>,
  contextOptions: BrowserContextOptions = {},
): Promise<Peer> {
  const context = await browser.newContext(contextOptions)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await prepare?.(context)
  const page = await context.newPage()
  await page.goto('/')
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
  return { context, page }
}

export function torrentItem(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Torrents' }).getByRole('listitem', { name })
}

export async function progressOf(item: Locator): Promise<number> {
  return Number(
    await item.getByRole('progressbar', { name: 'Download progress' }).getAttribute('aria-valuenow'),
  )
}

export async function expectComplete(item: Locator, timeout = 60_000): Promise<void> {
  await expect(item.getByRole('progressbar', { name: 'Download progress' })).toHaveAttribute(
    'aria-valuenow',
    '100',
    { timeout },
  )
}

/** Seeds files through the "Seed files" input and returns the magnet link copied with the button. */
export async function seedAndCopyMagnet(peer: Peer, files: string[], name: string): Promise<string> {
  await peer.page.getByLabel('Seed files').setInputFiles(files)
  const item = torrentItem(peer.page, name)
  await expectComplete(item)
  // The magnet copied is the selected torrent's: make sure that is this one.
  await item.click()
  await peer.page.getByRole('button', { name: 'Copy magnet link' }).click()
  const magnet = await peer.page.evaluate(() => navigator.clipboard.readText())
  expect(magnet).toMatch(/^magnet:\?xt=urn:btih:[0-9a-f]{40}/)
  return magnet
}

export async function addByText(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' }).fill(text)
  await page.getByRole('button', { name: 'Add torrent' }).click()
}

/**
 * Injected fault: crashes the page's renderer process (DevTools `Page.crash`), as the OS killing the
 * tab would. No unload handler runs; IndexedDB transactions not yet committed are abandoned.
 */
export async function crashTab(page: Page): Promise<void> {
  const devtools = await page.context().newCDPSession(page)
  const crashed = page.waitForEvent('crash')
  // The command never answers: the process it would answer from is gone.
  void devtools.send('Page.crash').catch(() => undefined)
  await crashed
}

/** Replaces the tracker list in Settings (one URL per line, as a user types it). */
export async function useTrackers(page: Page, trackers: readonly string[]): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.getByRole('textbox', { name: 'Trackers' }).fill(trackers.join('\n'))
  await dialog.getByRole('button', { name: 'Done' }).click()
  // A next step that opens Settings again must not meet this dialog still closing.
  await expect(dialog).toBeHidden()
}

export async function setLimits(
  page: Page,
  limits: { downloadKBps?: string; uploadKBps?: string },
): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  if (limits.downloadKBps !== undefined)
    await dialog.getByLabel('Download limit (kB/s)').fill(limits.downloadKBps)
  if (limits.uploadKBps !== undefined) await dialog.getByLabel('Upload limit (kB/s)').fill(limits.uploadKBps)
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(dialog).toBeHidden()
}

/** Clicks "Save file" and returns the SHA-256 of what the browser saved. */
export async function saveFileHash(page: Page, fileName: string): Promise<string> {
  const row = page.getByRole('list', { name: 'Files' }).getByRole('listitem').filter({ hasText: fileName })
  const downloadPromise = page.waitForEvent('download')
  await row.getByRole('button', { name: 'Save file' }).click()
  const download = await downloadPromise
  expect(download.suggestedFilename()).toBe(fileName)
  return sha256(await readFile(await download.path()))
}

export async function fileHash(path: string): Promise<string> {
  return sha256(await readFile(path))
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export async function videoTime(page: Page): Promise<number> {
  return page.locator('video').evaluate((video: HTMLVideoElement) => video.currentTime)
}

export function infoHashOf(magnet: string): string {
  const match = /xt=urn:btih:([0-9a-f]{40})/.exec(magnet)
  if (!match?.[1]) throw new Error(`no hex info hash in ${magnet}`)
  return match[1]
}

/** How many pieces of a torrent are stored in the page's IndexedDB (read directly, not through the app). */
export function storedPieceCount(page: Page, infoHash: string): Promise<number> {
  return page.evaluate(
    (hash) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('tipping-torrent')
        open.onerror = () => reject(new Error('cannot open the database'))
        open.onsuccess = () => {
          const range = IDBKeyRange.bound([hash, 0], [hash, Number.MAX_SAFE_INTEGER])
          const count = open.result.transaction('chunks').objectStore('chunks').count(range)
          count.onsuccess = () => {
            open.result.close()
            resolve(count.result)
          }
          count.onerror = () => reject(new Error('cannot count the chunks'))
        }
      }),
    infoHash,
  )
}

/** A new peer seeding a file of random bytes, for tests that need a fresh torrent. */
export async function seedRandomFile(
  browser: Browser,
  fileName: string,
  bytes: number,
): Promise<{ seeder: Peer; filePath: string; magnet: string }> {
  const filePath = await randomFile(fileName, bytes)
  const seeder = await openPeer(browser)
  const magnet = await seedAndCopyMagnet(seeder, [filePath], fileName)
  return { seeder, filePath, magnet }
}

/** Adds a magnet under a download limit, so the test can act while the transfer is under way. */
export async function addThrottled(peer: Peer, magnet: string, downloadKBps: number): Promise<void> {
  await setLimits(peer.page, { downloadKBps: String(downloadKBps) })
  await addByText(peer.page, magnet)
}

/**
 * Changes a stored piece behind the app's back, from a same-origin page where the app is not
 * running: `flip` inverts its first byte, `delete` removes it.
 */
export async function tamperWithStoredPiece(
  page: Page,
  infoHash: string,
  index: number,
  how: 'flip' | 'delete',
): Promise<void> {
  await page.evaluate(
    ({ hash, piece, action }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tipping-torrent')
        open.onerror = () => reject(new Error('cannot open the database'))
        open.onsuccess = () => {
          const transaction = open.result.transaction('chunks', 'readwrite')
          const chunks = transaction.objectStore('chunks')
          const key = [hash, piece]
          if (action === 'delete') chunks.delete(key)
          else {
            const read = chunks.get(key)
            read.onsuccess = () => {
              const data = read.result as Uint8Array
              data[0] = data[0]! ^ 0xff
              chunks.put(data, key)
            }
          }
          transaction.oncomplete = () => {
            open.result.close()
            resolve()
          }
          transaction.onerror = () => reject(new Error('cannot change the piece'))
        }
      }),
    { hash: infoHash, piece: index, action: how },
  )
}

export type TransferFacts = Record<
  'piece-count' | 'piece-length' | 'stored' | 'received' | 'uploaded',
  number
>

/** The selected torrent's exact "Transfer" figures (the `value` of each `<data>`), read in one go. */
export function transferFacts(page: Page): Promise<TransferFacts> {
  return page.evaluate(() => {
    const facts: Record<string, number> = {}
    for (const data of document.querySelectorAll<HTMLDataElement>('dl.facts data[data-fact]')) {
      facts[data.dataset.fact ?? ''] = Number(data.value)
    }
    return facts as TransferFacts
  })
}

/** Ends a test by closing its peers; the test fixture (./test.ts) checks their pages' errors. */
export async function closePeers(...peers: Peer[]): Promise<void> {
  for (const peer of peers) await peer.context.close()
}

/** Clicks a download link and returns the downloaded file as text. */
export async function downloadText(page: Page, linkName: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName }).click(),
  ])
  const path = await download.path()
  return readFile(path, 'utf8')
}
