/**
 * Time from clicking "Add torrent" (a magnet from a browser peer) to the first decoded video frame,
 * with a simulated user who clicks "Play" the moment it appears; then the time from a seek to 80 %
 * of the video to the first frame shown there. Stock WebTorrent streams the same video from the same
 * seeder in the same rounds. Clocks run in the page (performance.now), so
 * Playwright's round trips are not counted. Each round also records when the phases in between
 * ended, from the engine's performance marks and the video element's events, to show where the time
 * goes.
 */
import type { Browser } from '@playwright/test'
import { fileURLToPath } from 'node:url'
import { openAppPeer, seedFile } from './app-peer.ts'
import { withDeadline } from './deadline.ts'
import type { VideoTimes } from './page-timers.ts'
import type { StockSite } from './stock-page.ts'

const SAMPLE_VIDEO = fileURLToPath(new URL('../public/demo/test-pattern.webm', import.meta.url))

/** Milliseconds after the click at which each phase ended. */
export interface FirstFrameRound extends VideoTimes {
  metadata: number
  playClicked: number
  streamUrl: number
  loadedMetadata: number
}

export interface FirstFrameFigures {
  ours: FirstFrameRound[]
  stock: VideoTimes[]
}

/** Rounds alternate between the app and stock WebTorrent, both leeching from the same app seeder. */
export async function measureFirstFrame(
  browser: Browser,
  stack: { siteUrl: string; trackerUrl: string },
  stock: StockSite,
  rounds: number,
): Promise<FirstFrameFigures> {
  const seeder = await openAppPeer(browser, stack.siteUrl)
  const magnet = await seedFile(seeder.page, SAMPLE_VIDEO)
  const figures: FirstFrameFigures = { ours: [], stock: [] }
  const stockRound = () =>
    withDeadline(stock.timeFirstFrame(magnet, stack.trackerUrl), 60_000, 'stock first frame')
  try {
    for (let round = 0; round < rounds; round++) {
      const stockFirst = round % 2 === 1
      if (stockFirst) figures.stock.push(await stockRound())
      const leecher = await openAppPeer(browser, stack.siteUrl)
      await leecher.page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' }).fill(magnet)
      figures.ours.push(await withDeadline(leecher.page.evaluate(playFromClick), 60_000, 'first frame'))
      await leecher.close()
      if (!stockFirst) figures.stock.push(await stockRound())
    }
  } finally {
    await seeder.close()
  }
  return figures
}

/** Runs in the page: everything a user does from "Add torrent" to a seek, timed against the click. */
function playFromClick(): Promise<FirstFrameRound> {
  const since = (name: string) =>
    (performance.getEntriesByType('mark').find((mark) => mark.name.startsWith(name))?.startTime ?? NaN) -
    start
  const times: Partial<FirstFrameRound> = {}
  const start = performance.now()
  return new Promise((resolve) => {
    const watcher = new MutationObserver(() => {
      const play = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Play')
      const video = document.querySelector('video')
      if (play && !video && times.playClicked === undefined) {
        times.playClicked = performance.now() - start
        play.click()
      }
      if (!video) return
      watcher.disconnect()
      video.addEventListener('loadedmetadata', () => (times.loadedMetadata = performance.now() - start), {
        once: true,
      })
      void window.benchVideoTimes(video, start).then((videoTimes) =>
        resolve({
          metadata: since('torrent:metadata:'),
          playClicked: times.playClicked ?? NaN,
          streamUrl: since('torrent:stream-url:'),
          loadedMetadata: times.loadedMetadata ?? NaN,
          ...videoTimes,
        }),
      )
    })
    watcher.observe(document.body, { childList: true, subtree: true })
    const add = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Add torrent')
    add?.click()
  })
}
