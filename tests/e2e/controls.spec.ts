import { expect, test } from './test'
import { randomFile } from './fixtures'
import {
  addThrottled,
  expectComplete,
  infoHashOf,
  openPeer,
  progressOf,
  seedRandomFile,
  setLimits,
  storedPieceCount,
  torrentItem,
  closePeers,
} from './helpers'

test('pause stops the transfer, resume restarts it, remove and delete take the torrent off the list', async ({
  browser,
}) => {
  const fileName = 'pause-me.bin'
  const { seeder, magnet } = await seedRandomFile(browser, fileName, 3 * 1024 * 1024)
  const leecher = await openPeer(browser)
  await addThrottled(leecher, magnet, 150)
  const item = torrentItem(leecher.page, fileName)
  await expect.poll(() => progressOf(item), { timeout: 30_000 }).toBeGreaterThan(3)

  await item.getByRole('button', { name: 'Pause', exact: true }).click()
  await expect(item).toContainText('Paused')
  await expect(item).toContainText('0 peers')
  const progressWhenPaused = await progressOf(item)
  await leecher.page.waitForTimeout(3_000)
  expect(await progressOf(item)).toBe(progressWhenPaused)

  await setLimits(leecher.page, { downloadKBps: '' })
  await item.getByRole('button', { name: 'Resume', exact: true }).click()
  await expectComplete(item)

  const infoHash = infoHashOf(magnet)
  const storedOnLeecher = await storedPieceCount(leecher.page, infoHash)
  expect(storedOnLeecher).toBeGreaterThan(0)
  await item.getByRole('button', { name: 'Remove', exact: true }).click()
  await expect(item).toHaveCount(0)
  // "Remove" keeps the downloaded pieces in IndexedDB.
  expect(await storedPieceCount(leecher.page, infoHash)).toBe(storedOnLeecher)

  // Delete asks first, and "Keep it" keeps it.
  const seeded = torrentItem(seeder.page, fileName)
  await seeded.getByRole('button', { name: 'Delete torrent and data' }).click()
  const confirm = seeder.page.getByRole('dialog', { name: /Delete/ })
  await confirm.getByRole('button', { name: 'Keep it' }).click()
  await expect(seeded).toBeVisible()
  await seeded.getByRole('button', { name: 'Delete torrent and data' }).click()
  expect(await storedPieceCount(seeder.page, infoHash)).toBeGreaterThan(0)
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(seeded).toHaveCount(0)
  // "Delete torrent and data" removes every stored piece.
  await expect.poll(() => storedPieceCount(seeder.page, infoHash)).toBe(0)

  await closePeers(seeder, leecher)
})

test('settings show storage use, and "Delete all torrents and data" empties the list and the store', async ({
  browser,
}) => {
  const fileName = 'clear-all.bin'
  const { seeder, magnet } = await seedRandomFile(browser, fileName, 1024 * 1024)
  const infoHash = infoHashOf(magnet)
  expect(await storedPieceCount(seeder.page, infoHash)).toBeGreaterThan(0)

  await seeder.page.getByRole('button', { name: 'Settings' }).click()
  const settingsDialog = seeder.page.getByRole('dialog', { name: 'Settings' })
  await expect(settingsDialog.getByRole('meter', { name: 'Storage used' })).toBeVisible()
  await expect(settingsDialog).toContainText(/Using [\d.]+ [kMG]?B of/)
  await settingsDialog.getByRole('button', { name: 'Delete all torrents and data' }).click()
  await seeder.page
    .getByRole('dialog', { name: 'Delete all torrents and their data?' })
    .getByRole('button', { name: 'Delete', exact: true })
    .click()
  await settingsDialog.getByRole('button', { name: 'Done' }).click()

  await expect(seeder.page.getByRole('list', { name: 'Torrents' }).getByRole('listitem')).toHaveCount(0)
  await expect.poll(() => storedPieceCount(seeder.page, infoHash)).toBe(0)
  await seeder.page.reload()
  await expect(seeder.page.getByRole('list', { name: 'Torrents' }).getByRole('listitem')).toHaveCount(0)

  await closePeers(seeder)
})

test('a file left unchecked is not downloaded, and the choice survives a reload', async ({ browser }) => {
  const wantedPath = await randomFile('wanted.bin', 1024 * 1024)
  const skippedPath = await randomFile('skipped.bin', 2 * 1024 * 1024)
  const seeder = await openPeer(browser)
  await seeder.page.getByLabel('Seed files').setInputFiles([wantedPath, skippedPath])
  const seeded = seeder.page.getByRole('list', { name: 'Torrents' }).getByRole('listitem').first()
  await expectComplete(seeded)
  await seeder.page.getByRole('button', { name: 'Copy magnet link' }).click()
  const magnet = await seeder.page.evaluate(() => navigator.clipboard.readText())

  const leecher = await openPeer(browser)
  await addThrottled(leecher, magnet, 100)
  const skip = leecher.page.getByRole('checkbox', { name: 'Download skipped.bin' })
  await skip.uncheck()
  await setLimits(leecher.page, { downloadKBps: '' })

  const item = leecher.page.getByRole('list', { name: 'Torrents' }).getByRole('listitem').first()
  await expect(item).toContainText('Chosen files complete')
  const files = leecher.page.getByRole('list', { name: 'Files' })
  await expect(files.getByRole('listitem').filter({ hasText: 'wanted.bin' })).toContainText('100%')
  const progress = await progressOf(item)
  expect(progress).toBeLessThan(70)
  await leecher.page.waitForTimeout(2_000)
  expect(await progressOf(item)).toBe(progress)

  await leecher.page.reload()
  await expect(skip).not.toBeChecked()
  await expect(leecher.page.getByRole('checkbox', { name: 'Download wanted.bin' })).toBeChecked()
  await leecher.page.waitForTimeout(2_000)
  expect(await progressOf(item)).toBeLessThan(70)

  await closePeers(seeder, leecher)
})
