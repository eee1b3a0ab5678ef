import { expect, test } from './test'
import {
  addByText,
  expectComplete,
  fileHash,
  openPeer,
  progressOf,
  SAMPLE_VIDEO,
  saveFileHash,
  seedAndCopyMagnet,
  setLimits,
  torrentItem,
  videoTime,
  closePeers,
} from './helpers'

const VIDEO_NAME = 'test-pattern.webm'

test('a leecher plays the video over WebRTC before its download completes, then saves an identical file', async ({
  browser,
}) => {
  const seeder = await openPeer(browser)
  const leecher = await openPeer(browser)

  // The seeder's upload limit (a product setting) stretches the 2.3 MB transfer over ~15 s, so
  // "playing before complete" is observable on loopback, where it would otherwise finish in a blink.
  await setLimits(seeder.page, { uploadKBps: '150' })
  const magnet = await seedAndCopyMagnet(seeder, [SAMPLE_VIDEO], VIDEO_NAME)

  await addByText(leecher.page, magnet)
  const item = torrentItem(leecher.page, VIDEO_NAME)
  await expect(item).toBeVisible()
  await leecher.page.getByRole('button', { name: 'Play' }).click()

  await expect.poll(() => videoTime(leecher.page), { timeout: 30_000 }).toBeGreaterThan(1)
  const progressWhilePlaying = await progressOf(item)
  expect(progressWhilePlaying).toBeLessThan(100)

  // Seek far ahead of what has downloaded: the stream fetches those pieces first and playback resumes.
  const duration = await leecher.page.locator('video').evaluate((video: HTMLVideoElement) => video.duration)
  expect(duration).toBeGreaterThan(30)
  await leecher.page.locator('video').evaluate((video: HTMLVideoElement) => {
    video.currentTime = video.duration * 0.8
  })
  await expect.poll(() => videoTime(leecher.page), { timeout: 30_000 }).toBeGreaterThan(duration * 0.8 + 1)
  expect(await progressOf(item)).toBeLessThan(100)

  await expectComplete(item, 90_000)
  expect(await saveFileHash(leecher.page, VIDEO_NAME)).toBe(await fileHash(SAMPLE_VIDEO))

  await closePeers(seeder, leecher)
})
