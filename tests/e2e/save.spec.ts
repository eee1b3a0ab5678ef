/**
 * Saving to disk streams: "Save file" is a download through the streaming worker, "Save as…" and
 * "Save all" write through the File System Access pickers, and "Save all" falls back to a ZIP
 * download. Injected into the leecher's page: a wrapper around the Blob constructor that records
 * the largest Blob the page makes, and the pickers only (Playwright cannot drive the native ones):
 * they return real handles of the origin private file system, a declined choice, or (for the
 * failure) a file whose writes fail as a full disk does. Peers, transfers and downloads are real.
 */
import { expect, test, type Page } from './test'
import { readFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { addByText, closePeers, expectComplete, fileHash, openPeer, saveFileHash } from './helpers'
import { randomFile } from './fixtures'
import { zipEntries } from './zip-entries'

const MiB = 1024 * 1024

/** Runs in the page before its scripts: records Blob sizes; pickers answer as `__picker` says. */
function instrument(): void {
  const NativeBlob = Blob
  const state = window as unknown as { __largestBlob: number; __picker: string }
  state.__largestBlob = 0
  state.__picker = 'opfs'
  class RecordedBlob extends NativeBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      super(parts, options)
      state.__largestBlob = Math.max(state.__largestBlob, this.size)
    }
  }
  window.Blob = RecordedBlob
  const picked = async () =>
    (await navigator.storage.getDirectory()).getDirectoryHandle('picked', { create: true })
  const declined = () => new DOMException('The user aborted a request.', 'AbortError')
  Object.assign(window, {
    showDirectoryPicker: async () => {
      if (state.__picker === 'decline') throw declined()
      return picked()
    },
    showSaveFilePicker: async ({ suggestedName }: { suggestedName: string }) => {
      if (state.__picker === 'decline') throw declined()
      if (state.__picker === 'full') {
        return {
          createWritable: () =>
            Promise.resolve(
              new WritableStream({
                write: () => {
                  throw new DOMException('The disk is full.', 'QuotaExceededError')
                },
              }),
            ),
        }
      }
      return (await picked()).getFileHandle(`as-${suggestedName}`, { create: true })
    },
  })
}

/** SHA-256 of every file under the picked folder of the origin private file system, by path. */
function pickedFolderHashes(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const hashes: Record<string, string> = {}
    const hex = (buffer: ArrayBuffer) =>
      [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
    const walk = async (folder: FileSystemDirectoryHandle, prefix: string) => {
      for await (const [name, handle] of folder as unknown as AsyncIterable<[string, FileSystemHandle]>) {
        if (handle.kind === 'directory') await walk(handle as FileSystemDirectoryHandle, `${prefix}${name}/`)
        else {
          const file = await (handle as FileSystemFileHandle).getFile()
          hashes[`${prefix}${name}`] = hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()))
        }
      }
    }
    await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('picked'), '')
    return hashes
  })
}

const largestBlob = (page: Page) =>
  page.evaluate(() => (window as unknown as { __largestBlob: number }).__largestBlob)

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

test('a file, a file as…, a folder and a ZIP are saved whole, and no Blob of their data is made', async ({
  browser,
}) => {
  const bigPath = await randomFile('big.bin', 48 * MiB)
  const notesPath = await randomFile('notes.txt', 300_000)
  const expected = { 'big.bin': await fileHash(bigPath), 'notes.txt': await fileHash(notesPath) }

  const seeder = await openPeer(browser)
  await seeder.page.getByLabel('Seed files').setInputFiles([bigPath, notesPath])
  await expectComplete(seeder.page.getByRole('list', { name: 'Torrents' }).getByRole('listitem').first())
  await seeder.page.getByRole('button', { name: 'Copy magnet link' }).click()
  const magnet = await seeder.page.evaluate(() => navigator.clipboard.readText())

  const leecher = await openPeer(browser, async (context) => {
    await context.addInitScript(instrument)
  })
  const { page } = leecher
  const setPicker = (mode: string) =>
    page.evaluate((value) => Object.assign(window, { __picker: value }), mode)
  await addByText(page, magnet)
  await page.getByRole('list', { name: 'Torrents' }).getByRole('listitem').first().click()

  // Save file: a download streamed while the torrent is still arriving, whole and under its name.
  expect(await saveFileHash(page, 'big.bin')).toBe(expected['big.bin'])
  expect(await largestBlob(page)).toBeLessThan(MiB)
  const files = page.getByRole('list', { name: 'Files' })
  const notesRow = files.getByRole('listitem').filter({ hasText: 'notes.txt' })

  // Save as…: the picked file holds the bytes; a full disk is an alert, a declined picker is not.
  await notesRow.getByRole('button', { name: 'Save as…' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved notes.txt' })).toBeAttached()
  await setPicker('full')
  await notesRow.getByRole('button', { name: 'Save as…' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Could not save notes.txt' })).toBeVisible()
  await setPicker('decline')
  await notesRow.getByRole('button', { name: 'Save as…' }).click()
  await expect(page.getByRole('alert')).toHaveCount(1)
  expect(await pickedFolderHashes(page)).toEqual({ 'as-notes.txt': expected['notes.txt'] })

  // Save all into a folder: the torrent's folder with every file in it.
  await setPicker('opfs')
  await page.getByRole('button', { name: 'Save all' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved 2 files' })).toBeAttached()
  const saved = await pickedFolderHashes(page)
  const folder = Object.keys(saved)
    .find((path) => path.endsWith('/big.bin'))
    ?.split('/')[0]
  expect(folder).toBeTruthy()
  expect(saved).toEqual({
    'as-notes.txt': expected['notes.txt'],
    [`${folder}/big.bin`]: expected['big.bin'],
    [`${folder}/notes.txt`]: expected['notes.txt'],
  })

  // Save all, the folder picker declined: a ZIP download of the same tree.
  await setPicker('decline')
  const zipDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Save all' }).click()
  const zip = await zipDownload
  expect(zip.suggestedFilename()).toBe(`${folder}.zip`)
  const entries = zipEntries(new Uint8Array(await readFile(await zip.path())))
  expect(Object.fromEntries(entries.map((entry) => [entry.name, sha256(entry.bytes)]))).toEqual({
    [`${folder}/big.bin`]: expected['big.bin'],
    [`${folder}/notes.txt`]: expected['notes.txt'],
  })

  expect(await largestBlob(page)).toBeLessThan(MiB)

  await closePeers(seeder, leecher)
})
