/**
 * Streaming comes first: the bytes the player needs next are fetched before the rest of the file, so
 * a real-sized video starts, and a far seek resumes, long before the download has covered the file.
 * Real media (ffmpeg), real Chromium, real WebRTC between two browser contexts; nothing is faked.
 */
import type { Locator, Page } from '@playwright/test'
import { h264AacMp4, makeMedia } from '../../tools/media/make-media'
import { expect, test } from './test'
import {
  addByText,
  closePeers,
  openPeer,
  progressOf,
  seedAndCopyMagnet,
  setLimits,
  torrentItem,
} from './helpers'

/** The progress bar's percentage read in the page at the moment the video shows a frame past `from`. */
function progressAtFrame(page: Page, fileName: string, from: number): Promise<number> {
  return page.evaluate(
    ({ fileName, from }) =>
      new Promise<number>((resolve) => {
        const percent = () => {
          const item = [...document.querySelectorAll('li.torrent')].find((row) =>
            row.textContent?.includes(fileName),
          )
          const bar = item?.querySelector('[role="progressbar"]')
          return Number(bar?.getAttribute('aria-valuenow') ?? NaN)
        }
        const check = () => {
          const video = document.querySelector('video')
          // A frame shown past `from`: the picture really moved, not just metadata loaded.
          if (video && video.currentTime > from && video.readyState >= 2) resolve(percent())
          else requestAnimationFrame(check)
        }
        check()
      }),
    { fileName, from },
  )
}

async function expectProgressBelow(item: Locator, percent: number): Promise<void> {
  expect(await progressOf(item)).toBeLessThan(percent)
}

test('a 45 MB H.264 MP4 shows its first frame before 20 % has downloaded, and a far seek plays before the download reaches it', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const path = await makeMedia(h264AacMp4({ seconds: 60, mbps: 6, faststart: true }))
  const fileName = path.split('/').pop() ?? ''
  const seeder = await openPeer(browser)
  const leecher = await openPeer(browser)
  // A fast link, 32 Mbit/s (5× the video's bitrate), but a bounded one: on unbounded loopback the
  // share downloaded at first frame measures the machine's CPU against the loopback, not the order
  // in which pieces are fetched (on a loaded machine the download reached 20 % first).
  await setLimits(seeder.page, { uploadKBps: '4000' })
  const magnet = await seedAndCopyMagnet(seeder, [path], fileName)

  await addByText(leecher.page, magnet)
  const item = torrentItem(leecher.page, fileName)
  await leecher.page.getByRole('button', { name: 'Play' }).click()
  const atFirstFrame = await progressAtFrame(leecher.page, fileName, 0)
  test.info().annotations.push({ type: 'first frame at', description: `${atFirstFrame} %` })
  expect(atFirstFrame).toBeLessThan(20)

  // Seek to 80 %: the window moves there, so that region plays while most of the file is still missing.
  const video = leecher.page.locator('video')
  const duration = await video.evaluate((element: HTMLVideoElement) => element.duration)
  expect(duration).toBeGreaterThan(50)
  await video.evaluate((element: HTMLVideoElement) => {
    element.currentTime = element.duration * 0.8
  })
  const atSeekFrame = await progressAtFrame(leecher.page, fileName, duration * 0.8 + 0.5)
  test.info().annotations.push({ type: 'seek frame at', description: `${atSeekFrame} %` })
  expect(atSeekFrame).toBeLessThan(50)
  await expectProgressBelow(item, 100)

  await closePeers(seeder, leecher)
})
