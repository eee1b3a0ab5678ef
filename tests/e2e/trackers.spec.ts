import { startTracker } from '../../tools/tracker'
import { expect, test } from './test'
import { randomFile } from './fixtures'
import {
  addByText,
  closePeers,
  expectComplete,
  openPeer,
  seedAndCopyMagnet,
  torrentItem,
  useTrackers,
} from './helpers'

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

// A tracker of this test's own, next to the suite's, so it can be taken down and brought back. With
// E2E_PORT given, the ports run site, tracker, devnet, this one: the tracker's +1 is the devnet's.
const OUTAGE_TRACKER_PORT = process.env.E2E_PORT
  ? Number(process.env.E2E_PORT) + 3
  : Number(process.env.E2E_TRACKER_PORT ?? 8123) + 1

test('the tracker down and back: a torrent added meanwhile finds its seeder soon after, and the warning clears', async ({
  browser,
  expectProblems,
}) => {
  expectProblems(
    new RegExp(`127\\.0\\.0\\.1:${OUTAGE_TRACKER_PORT}`),
    'the tracker is taken down on purpose; Chromium logs each refused WebSocket',
  )
  let tracker = await startTracker(OUTAGE_TRACKER_PORT)
  // Closed however the test ends, so the port is free for a rerun.
  try {
    const seeder = await openPeer(browser)
    await useTrackers(seeder.page, [tracker.url])
    const fileName = 'outage-tracker.bin'
    const magnet = await seedAndCopyMagnet(seeder, [await randomFile(fileName, 1024 * 1024)], fileName)
    expect(magnet).toContain(encodeURIComponent(tracker.url))

    // Down: the seeder loses its connection, a newcomer cannot announce; both say so, quietly.
    await tracker.close()
    const leecher = await openPeer(browser)
    await addByText(leecher.page, magnet)
    const item = torrentItem(leecher.page, fileName)
    const unreachable = (peer: typeof seeder) =>
      peer.page.getByRole('status').filter({ hasText: `Tracker ${tracker.url} unreachable` })
    await expect(unreachable(leecher)).toBeVisible()
    await expect(unreachable(seeder)).toBeVisible()
    await expect(item.getByRole('progressbar', { name: 'Download progress' })).toHaveAttribute(
      'aria-valuenow',
      '0',
    )

    // Back (a restarted tracker knows no peers): both reconnect and announce within seconds, not minutes.
    tracker = await startTracker(OUTAGE_TRACKER_PORT)
    const backAt = Date.now()
    await expectComplete(item, 45_000)
    test.info().annotations.push({
      type: 'tracker back → download complete',
      description: `${((Date.now() - backAt) / 1000).toFixed(1)} s`,
    })
    await expect(unreachable(leecher)).toHaveCount(0)
    await expect(unreachable(seeder)).toHaveCount(0)
    await expect(leecher.page.getByRole('alert')).toHaveCount(0)
    await closePeers(seeder, leecher)
  } finally {
    await tracker.close()
  }
})
