/**
 * A torrent of 10 000 small files, seeded as a folder: the leecher sees the same folders and paths,
 * a tree with tri-state checkboxes (never 10 000 rows at once), select none / all, a name filter, and
 * an unchecked folder that is not downloaded (but for pieces it shares with a checked one).
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './test'
import { addByText, closePeers, expectComplete, openPeer, progressOf, torrentItem } from './helpers'

const FOLDERS = 10
const SUBFOLDERS = 10
const FILES = 100
const FILE_BYTES = 64

/** `big-tree/f<i>/s<j>/n<kkk>.txt`: 10 × 10 × 100 files of 64 distinct bytes each (640 kB in all). */
async function makeTree(): Promise<string> {
  const root = join(await mkdtemp(join(tmpdir(), 'tipping-torrent-tree-')), 'big-tree')
  const stamp = `${Date.now()}-${Math.random()}`
  for (let i = 0; i < FOLDERS; i++) {
    for (let j = 0; j < SUBFOLDERS; j++) {
      const folder = join(root, `f${i}`, `s${j}`)
      await mkdir(folder, { recursive: true })
      await Promise.all(
        Array.from({ length: FILES }, (_, k) => {
          const name = `n${String(k).padStart(3, '0')}.txt`
          return writeFile(join(folder, name), `${stamp} ${i}/${j}/${k}`.padEnd(FILE_BYTES, '.'))
        }),
      )
    }
  }
  return root
}

test('a 10 000-file folder: seeded with its structure, shown as a tree, partly downloaded', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const root = await makeTree()
  const seeder = await openPeer(browser)
  const leecher = await openPeer(browser)

  // Seeding a folder keeps its structure.
  await seeder.page.getByLabel('Seed a folder').setInputFiles(root)
  const seeded = torrentItem(seeder.page, 'big-tree')
  await expectComplete(seeded, 180_000)
  await seeded.click()
  await seeder.page.getByRole('button', { name: 'Copy magnet link' }).click()
  const magnet = await seeder.page.evaluate(() => navigator.clipboard.readText())

  const { page } = leecher
  await addByText(page, magnet)
  const files = page.getByRole('list', { name: 'Files' })
  const folder = (name: string) => files.getByRole('listitem', { name: `Folder ${name}`, exact: true })
  await expect(folder('f3')).toBeVisible({ timeout: 120_000 })
  // Large trees start with their folders collapsed: far fewer rows than files.
  expect(await files.getByRole('listitem').count()).toBeLessThan(1000)

  await page.getByRole('button', { name: 'Select none' }).click()
  await expect(page.getByRole('checkbox', { name: 'Download folder f3', exact: true })).not.toBeChecked()
  await page.getByRole('checkbox', { name: 'Download folder f3', exact: true }).check()
  // A folder with some files wanted is "mixed": open f3 and uncheck one of its subfolders.
  await folder('f3').getByRole('button', { name: 'f3', exact: true }).click()
  await expect(folder('f3/s2')).toBeVisible()
  await folder('f3/s2').getByRole('button', { name: 's2', exact: true }).click()
  await expect(files.getByRole('listitem').filter({ hasText: 'n042.txt' })).toHaveCount(1)
  await expect(files.getByTitle('big-tree/f3/s2/n042.txt')).toBeVisible()
  await page.getByRole('checkbox', { name: 'Download folder f3/s9', exact: true }).uncheck()
  await expect(page.getByRole('checkbox', { name: 'Download folder f3', exact: true })).toHaveAttribute(
    'aria-checked',
    'mixed',
  )

  await expect(folder('f3/s2').locator('.folder-size')).toContainText(/100\s*%/, { timeout: 60_000 })
  // Far from f3, f7 shares no piece with it: nothing of it was fetched.
  await expect(folder('f7').locator('.folder-size')).toContainText(/·\s*0\s*%/)
  expect(await progressOf(torrentItem(page, 'big-tree'))).toBeLessThan(20)

  // The filter finds one file per subfolder, inside their folders.
  await page.getByRole('searchbox', { name: 'Filter files by name' }).fill('n042')
  await expect(files.getByRole('listitem').filter({ hasText: 'n042.txt' })).toHaveCount(100)
  await expect(files.getByTitle('big-tree/f7/s5/n042.txt')).toBeVisible()
  await page.getByRole('searchbox', { name: 'Filter files by name' }).fill('')

  await page.getByRole('button', { name: 'Select all' }).click()
  await expect(page.getByRole('checkbox', { name: 'Download folder f7', exact: true })).toBeChecked()
  await expectComplete(torrentItem(page, 'big-tree'), 120_000)
  await closePeers(seeder, leecher)
})
