import { expect, test } from './test'
import { randomFile } from './fixtures'
import { addByText, expectComplete, openPeer, seedAndCopyMagnet, torrentItem } from './helpers'

const UNREACHABLE_TRACKER = 'ws://127.0.0.1:9'

test('trackers are persisted; an unreachable one is reported quietly and does not stall the others', async ({
  browser,
  expectProblems,
}) => {
  // Chromium logs each refused WebSocket as a console error.
  expectProblems(
    new RegExp(UNREACHABLE_TRACKER.replaceAll('.', '\\.')),
    'the tracker that is unreachable on purpose',
  )
  const seeder = await openPeer(browser)
  const { page } = seeder

  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  const trackers = dialog.getByRole('textbox', { name: 'Trackers' })
  const localTracker = (await trackers.inputValue()).trim()
  expect(localTracker).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/)
  await trackers.fill(`${UNREACHABLE_TRACKER}\n\n${localTracker}\nnot a url`)
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('alert')).toContainText('not a url')

  await page.reload()
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(trackers).toHaveValue(`${UNREACHABLE_TRACKER}\n${localTracker}`)
  await dialog.getByRole('button', { name: 'Done' }).click()

  const fileName = 'tracker-test.bin'
  const magnet = await seedAndCopyMagnet(seeder, [await randomFile(fileName, 512 * 1024)], fileName)
  expect(magnet).toContain(encodeURIComponent(UNREACHABLE_TRACKER))

  const leecher = await openPeer(browser)
  await addByText(leecher.page, magnet)
  await expectComplete(torrentItem(leecher.page, fileName))

  await expect(page.getByRole('status').filter({ hasText: 'unreachable' })).toContainText(UNREACHABLE_TRACKER)
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expect(leecher.page.getByRole('alert')).toHaveCount(0)

  await seeder.context.close()
  await leecher.context.close()
})
