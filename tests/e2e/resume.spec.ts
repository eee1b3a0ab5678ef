import { expect, test } from './test'
import {
  addByText,
  addThrottled,
  expectComplete,
  fileHash,
  infoHashOf,
  openPeer,
  progressOf,
  saveFileHash,
  seedRandomFile,
  setLimits,
  tamperWithStoredPiece,
  torrentItem,
  transferFacts,
  closePeers,
  crashTab,
} from './helpers'

test('a reload mid-download keeps what was verified and the download completes', async ({ browser }) => {
  const fileName = 'reload-me.bin'
  const { seeder, filePath, magnet } = await seedRandomFile(browser, fileName, 4 * 1024 * 1024)
  const leecher = await openPeer(browser)
  await addThrottled(leecher, magnet, 300)
  const item = torrentItem(leecher.page, fileName)
  await expect.poll(() => progressOf(item), { timeout: 60_000 }).toBeGreaterThanOrEqual(30)
  const beforeReload = await progressOf(item)
  expect(beforeReload).toBeLessThanOrEqual(70)

  await leecher.page.reload()
  await expect(item).toBeVisible()
  await expect.poll(() => progressOf(item)).toBeGreaterThanOrEqual(beforeReload)
  // Read in one sample: the download goes on, so what is stored now includes what arrived since.
  const facts = await transferFacts(leecher.page)
  const storedAtReload = facts.stored - facts.received
  const pieceLength = facts['piece-length']
  expect(pieceLength).toBeGreaterThan(0)

  await setLimits(leecher.page, { downloadKBps: '' })
  await expectComplete(item)
  // Wire statistics: only the missing part came over the wire again, plus at most one piece for the
  // one peer (a piece in flight at the moment of the reload).
  const receivedAfterReload = (await transferFacts(leecher.page)).received
  expect(storedAtReload).toBeGreaterThan(0)
  expect(receivedAfterReload).toBeLessThanOrEqual(4 * 1024 * 1024 - storedAtReload + pieceLength)
  expect(await saveFileHash(leecher.page, fileName)).toBe(await fileHash(filePath))

  await closePeers(seeder, leecher)
})

test('a tab killed while pieces are being written resumes from what was stored, serves no damaged piece, and completes', async ({
  browser,
}) => {
  const fileName = 'killed-mid-write.bin'
  const size = 16 * 1024 * 1024
  const { seeder, filePath, magnet } = await seedRandomFile(browser, fileName, size)
  const leecher = await openPeer(browser)
  // 2 MB/s: verified pieces go to IndexedDB every few milliseconds for the whole download, so the
  // kill below lands with piece writes queued or in an open transaction.
  await addThrottled(leecher, magnet, 2_000)
  const item = torrentItem(leecher.page, fileName)
  await item.click()
  await expect.poll(() => progressOf(item), { timeout: 60_000 }).toBeGreaterThanOrEqual(30)
  const verifiedAtKill = (await transferFacts(leecher.page)).stored

  await crashTab(leecher.page)

  const page = await leecher.context.newPage()
  await page.goto('/')
  const resumed = torrentItem(page, fileName)
  await resumed.click()
  await expect.poll(async () => (await transferFacts(page)).stored).toBeGreaterThan(0)
  const storedAfterKill = (await transferFacts(page)).stored
  test.info().annotations.push({
    type: 'verified before the kill → stored after it',
    description: `${verifiedAtKill} → ${storedAfterKill} bytes`,
  })
  // At most the pieces still in the writer's queue are lost: a few, never most of what was verified.
  expect(storedAfterKill).toBeGreaterThan(verifiedAtKill / 2)

  await setLimits(page, { downloadKBps: '' })
  await expectComplete(resumed)
  expect(await saveFileHash(page, fileName)).toBe(await fileHash(filePath))

  await closePeers(seeder, leecher)
})

test('after a reload a completed torrent seeds again, even with the original seeder gone', async ({
  browser,
}) => {
  const fileName = 'seed-after-reload.bin'
  const { seeder: original, filePath, magnet } = await seedRandomFile(browser, fileName, 2 * 1024 * 1024)
  const keeper = await openPeer(browser)

  await addByText(keeper.page, magnet)
  await expectComplete(torrentItem(keeper.page, fileName))
  await original.context.close()

  await keeper.page.reload()
  await expectComplete(torrentItem(keeper.page, fileName))

  const newcomer = await openPeer(browser)
  await addByText(newcomer.page, magnet)
  await expectComplete(torrentItem(newcomer.page, fileName))
  expect(await saveFileHash(newcomer.page, fileName)).toBe(await fileHash(filePath))

  await closePeers(keeper, newcomer)
})

test('a stored piece altered or deleted between sessions is detected on resume and fetched again', async ({
  browser,
  expectProblems,
}) => {
  // Showing the bare SVG makes Chromium ask for /favicon.ico, which the site does not have.
  expectProblems(/status of 404/, 'the favicon request of the bare SVG page')
  const fileName = 'tampered.bin'
  const { seeder, filePath, magnet } = await seedRandomFile(browser, fileName, 2 * 1024 * 1024)
  const leecher = await openPeer(browser)
  await addByText(leecher.page, magnet)
  await expectComplete(torrentItem(leecher.page, fileName))

  // Leave the app (a same-origin page without it), then damage its storage as a disk error would.
  const infoHash = infoHashOf(magnet)
  await leecher.page.goto('/favicon.svg')
  await tamperWithStoredPiece(leecher.page, infoHash, 3, 'flip')
  await tamperWithStoredPiece(leecher.page, infoHash, 5, 'delete')

  await leecher.page.goto('/')
  await expect(leecher.page.getByRole('status').filter({ hasText: 'stored pieces checked' })).toContainText(
    '1 damaged and fetched again',
  )
  await expectComplete(torrentItem(leecher.page, fileName))
  expect(await saveFileHash(leecher.page, fileName)).toBe(await fileHash(filePath))

  await seeder.context.close()
  await leecher.context.close()
})
