/**
 * Streaming real-sized media (made by ffmpeg): from "Add torrent" to the first frame, how much of the
 * file had arrived by then, and the stalls (`waiting` after playback started) over the next seconds.
 * The app and stock WebTorrent leech the same file from the same app seeder, alternating rounds; with
 * `uploadKBps`, the seeder's upload is limited (the throttled-link row). Bytes received are counted
 * the same way in both pages, on every RTCDataChannel, so "downloaded" means the same thing.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { basename } from 'node:path'
import { stat } from 'node:fs/promises'
import { openAppPeer, seedFile } from './app-peer.ts'
import { withDeadline } from './deadline.ts'
import type { StockSite } from './stock-page.ts'

export interface StreamRound {
  /** Milliseconds from the add to the first frame presented. */
  firstFrame: number
  /** Bytes received over data channels by the first frame, as a percentage of the file. */
  percentAtFirstFrame: number
  /** `waiting` events after the first frame, and their total length (ms), over the watch period. */
  stalls: number
  stalledMs: number
  /** Ours only: milliseconds after the add at which each phase ended (NaN when not seen). */
  phases?: StreamPhases
}

/** Where the time to the first frame goes in the app, read from the engine's marks and the player. */
export interface StreamPhases {
  metadata: number
  firstByte: number
  playClicked: number
  streamUrl: number
  loadedMetadata: number
  canPlay: number
}

export interface StreamFigures {
  ours: StreamRound[]
  stock: StreamRound[]
}

declare global {
  interface Window {
    benchReceivedBytes: number
    benchWatch(video: HTMLVideoElement, start: number, length: number, watchMs: number): Promise<StreamRound>
  }
}

/** Counts the bytes of every message any RTCDataChannel of the page delivers, and times a video. */
export async function installStreamCounters(context: BrowserContext): Promise<void> {
  await context.addInitScript(defineStreamCounters)
}

function defineStreamCounters(): void {
  window.benchReceivedBytes = 0
  const count = (event: MessageEvent<unknown>) => {
    const data = event.data
    if (data instanceof ArrayBuffer) window.benchReceivedBytes += data.byteLength
    else if (data instanceof Blob) window.benchReceivedBytes += data.size
  }
  // simple-peer sets `onmessage` on each channel: the setter wraps the handler to count first.
  const handler = Object.getOwnPropertyDescriptor(RTCDataChannel.prototype, 'onmessage') as
    TypedPropertyDescriptor<((event: MessageEvent) => unknown) | null> | undefined
  const getter = handler?.get
  const setter = handler?.set
  if (getter && setter) {
    Object.defineProperty(RTCDataChannel.prototype, 'onmessage', {
      configurable: true,
      get(this: RTCDataChannel): unknown {
        return getter.call(this)
      },
      set(this: RTCDataChannel, listener: ((event: MessageEvent) => unknown) | null) {
        setter.call(
          this,
          listener &&
            function (this: RTCDataChannel, event: MessageEvent) {
              count(event)
              return listener.call(this, event)
            },
        )
      },
    })
  }
  window.benchWatch = (video, start, length, watchMs) =>
    new Promise((resolve) => {
      video.requestVideoFrameCallback(() => {
        const firstFrame = performance.now() - start
        const percentAtFirstFrame = (100 * window.benchReceivedBytes) / length
        let stalls = 0
        let stalledMs = 0
        let stalledSince: number | null = null
        video.addEventListener('waiting', () => {
          stalls++
          stalledSince ??= performance.now()
        })
        video.addEventListener('playing', () => {
          if (stalledSince !== null) stalledMs += performance.now() - stalledSince
          stalledSince = null
        })
        setTimeout(() => {
          if (stalledSince !== null) stalledMs += performance.now() - stalledSince
          resolve({ firstFrame, percentAtFirstFrame, stalls, stalledMs })
        }, watchMs)
      })
    })
}

/** The app leeches and plays: a user who clicks Play the moment it appears. */
function playInApp(page: Page, length: number, watchMs: number): Promise<StreamRound> {
  return page.evaluate(
    ({ length, watchMs }) => {
      const start = performance.now()
      const since = (name: string) =>
        (performance.getEntriesByType('mark').find((mark) => mark.name.startsWith(name))?.startTime ??
          Number.NaN) - start
      return new Promise<StreamRound>((resolve) => {
        let playClicked = Number.NaN
        let loadedMetadata = Number.NaN
        let canPlay = Number.NaN
        const watcher = new MutationObserver(() => {
          const play = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Play')
          const video = document.querySelector('video')
          if (play && !video && Number.isNaN(playClicked)) {
            playClicked = performance.now() - start
            play.click()
          }
          if (!video) return
          watcher.disconnect()
          video.addEventListener('loadedmetadata', () => (loadedMetadata = performance.now() - start), {
            once: true,
          })
          video.addEventListener('canplay', () => (canPlay = performance.now() - start), { once: true })
          void window.benchWatch(video, start, length, watchMs).then((round) =>
            resolve({
              ...round,
              phases: {
                metadata: since('torrent:metadata:'),
                firstByte: since('torrent:first-byte:'),
                playClicked,
                streamUrl: since('torrent:stream-url:'),
                loadedMetadata,
                canPlay,
              },
            }),
          )
        })
        watcher.observe(document.body, { childList: true, subtree: true })
        const add = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Add torrent')
        add?.click()
      })
    },
    { length, watchMs },
  )
}

/** `rounds` of ours and stock on `path`; the seeder's upload limited to `uploadKBps` when given. */
export async function measureRealisticStream(
  browser: Browser,
  stack: { siteUrl: string; trackerUrl: string },
  stock: StockSite,
  options: { path: string; rounds: number; watchMs: number; uploadKBps?: number },
  progress: (line: string) => void,
): Promise<StreamFigures> {
  const { path, rounds, watchMs } = options
  const { size: length } = await stat(path)
  const seeder = await openAppPeer(browser, stack.siteUrl)
  const magnet = await seedFile(seeder.page, path)
  if (options.uploadKBps) await limitUpload(seeder.page, options.uploadKBps)
  const figures: StreamFigures = { ours: [], stock: [] }
  const deadline = 90_000 + watchMs
  const stockRound = async () => {
    const round = await withDeadline(
      stock.timeStream(magnet, stack.trackerUrl, basename(path), length, watchMs, installStreamCounters),
      deadline,
      'stock stream',
    )
    figures.stock.push(round)
    progress(`stock: ${describe(round)}`)
  }
  try {
    for (let round = 0; round < rounds; round++) {
      if (round % 2 === 1) await stockRound()
      const leecher = await openAppPeer(browser, stack.siteUrl, undefined, installStreamCounters)
      await leecher.page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' }).fill(magnet)
      const ours = await withDeadline(playInApp(leecher.page, length, watchMs), deadline, 'ours stream')
      figures.ours.push(ours)
      progress(`ours:  ${describe(ours)}`)
      await leecher.close()
      if (round % 2 === 0) await stockRound()
    }
  } finally {
    await seeder.close()
  }
  return figures
}

function describe(round: StreamRound): string {
  const phases = round.phases
    ? ` [${Object.entries(round.phases)
        .map(([name, ms]: [string, number]) => `${name} ${ms.toFixed(0)}`)
        .join(', ')}]`
    : ''
  return `first frame ${round.firstFrame.toFixed(0)} ms at ${round.percentAtFirstFrame.toFixed(1)} %, ${round.stalls} stalls (${round.stalledMs.toFixed(0)} ms)${phases}`
}

/** The seeder's upload limit, set in Settings as a user would. */
async function limitUpload(page: Page, kBps: number): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.getByLabel('Upload limit (kB/s)').fill(String(Math.round(kBps)))
  await dialog.getByRole('button', { name: 'Done' }).click()
  await dialog.waitFor({ state: 'hidden' })
}
