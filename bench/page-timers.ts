/**
 * Timing code that runs inside benchmark pages (the app and the stock WebTorrent page alike), installed
 * as an init script so that both measure a video the same way.
 */
import type { BrowserContext } from '@playwright/test'

export interface VideoTimes {
  /** From `start` to the first frame presented. */
  firstFrame: number
  /** From setting currentTime to 80 % of the video to the first frame presented there. */
  seekToFrame: number
}

declare global {
  interface Window {
    benchVideoTimes(video: HTMLVideoElement, start: number): Promise<VideoTimes>
  }
}

export async function installPageTimers(context: BrowserContext): Promise<void> {
  // The TypeScript loader that runs the benchmark wraps named functions in `__name(...)` calls, which
  // then travel inside functions serialised into pages (these timers, the test wallet): define it.
  await context.addInitScript('globalThis.__name = (target) => target')
  await context.addInitScript(definePageTimers)
}

function definePageTimers(): void {
  window.benchVideoTimes = (video, start) =>
    new Promise((resolve) => {
      video.requestVideoFrameCallback(() => {
        const firstFrame = performance.now() - start
        const target = 0.8 * (Number.isFinite(video.duration) ? video.duration : video.seekable.end(0))
        const seekStart = performance.now()
        video.currentTime = target
        const untilFrameAtTarget = (_now: number, frame: VideoFrameCallbackMetadata) => {
          if (frame.mediaTime < target - 0.5) return void video.requestVideoFrameCallback(untilFrameAtTarget)
          resolve({ firstFrame, seekToFrame: performance.now() - seekStart })
        }
        video.requestVideoFrameCallback(untilFrameAtTarget)
      })
    })
}
