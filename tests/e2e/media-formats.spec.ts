/**
 * Films the browser cannot play as they are: it says why (HEVC, AVI) and offers the file, and it
 * decodes Dolby audio (AC-3 and E-AC-3) itself, in sync with the picture. Real media made by ffmpeg, real
 * WebRTC between two browser contexts.
 *
 * Injected: an init script on the leecher's context that records, without changing them, the
 * AudioContexts the page makes (with an analyser tapped on what reaches their output), the audio
 * buffers it schedules (start and stop calls) and the video frames Chromium presents. Nothing in the
 * app knows about it. While the AC-3 film plays, DevTools' CPU throttling (4×) makes the leecher a
 * slow machine.
 */
import type { Page } from '@playwright/test'
import { flashBeep, h264DolbyMkv, hevcMp4, makeMedia, mpeg4Avi } from '../../tools/media/make-media'
import { axeViolationsIn } from './axe-scan'
import {
  addByText,
  closePeers,
  expectComplete,
  fileHash,
  openPeer,
  progressOf,
  seedAndCopyMagnet,
  setLimits,
  torrentItem,
  videoTime,
} from './helpers'
import { expect, test } from './test'

/** Runs in the leecher's page before the app: records what the page does with Web Audio. */
function recordAudio(): void {
  interface Scheduled {
    context: BaseAudioContext
    when: number
    offset: number
    stop: number
    onsets: number[]
    /** The video's time when the source was started. */
    videoTime: number
  }
  const record = {
    contexts: [] as AudioContext[],
    analysers: [] as AnalyserNode[],
    scheduled: [] as Scheduled[],
    flashes: [] as number[],
  }
  Object.assign(window, { audioRecord: record })
  const Original = window.AudioContext
  window.AudioContext = class extends Original {
    constructor(options?: AudioContextOptions) {
      super(options)
      record.contexts.push(this)
      const analyser = this.createAnalyser()
      analyser.fftSize = 2048
      record.analysers.push(analyser)
    }
  }
  // The originals, called with the node they were called on (hence the unbound references).
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const connect = AudioNode.prototype.connect as (this: AudioNode, ...args: unknown[]) => unknown
  AudioNode.prototype.connect = function (this: AudioNode, ...args: unknown[]) {
    const destination = args[0]
    if (destination instanceof AudioDestinationNode) {
      const index = record.contexts.indexOf(this.context as AudioContext)
      const analyser = record.analysers[index]
      if (analyser) connect.call(this, analyser)
    }
    return connect.apply(this, args)
  } as typeof AudioNode.prototype.connect
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const start = AudioBufferSourceNode.prototype.start
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const stop = AudioBufferSourceNode.prototype.stop
  const entries = new WeakMap<AudioBufferSourceNode, Scheduled>()
  AudioBufferSourceNode.prototype.start = function (when = 0, offset = 0, duration?: number) {
    const buffer = this.buffer
    const context = this.context
    const entry: Scheduled = {
      context,
      when: Math.max(when, context.currentTime),
      offset,
      stop: Infinity,
      onsets: [],
      videoTime: document.querySelector('video')?.currentTime ?? -1,
    }
    if (buffer) {
      // Beep onsets in this buffer, in seconds from its start: the first loud sample after silence.
      const data = buffer.getChannelData(0)
      let quietFor = Infinity
      for (let i = 0; i < data.length; i += 1) {
        const loud = Math.abs(data[i] ?? 0) > 0.1
        if (loud && quietFor > buffer.sampleRate * 0.3) entry.onsets.push(i / buffer.sampleRate)
        quietFor = loud ? 0 : quietFor + 1
      }
    }
    entries.set(this, entry)
    record.scheduled.push(entry)
    start.call(this, when, offset, duration)
  }
  AudioBufferSourceNode.prototype.stop = function (when = 0) {
    const entry = entries.get(this)
    if (entry) entry.stop = Math.min(entry.stop, Math.max(when, this.context.currentTime))
    stop.call(this, when)
  }
  // When each flash (a whole second of the clip) is on screen, as performance time. A loaded
  // machine does not call back for every frame, so a frame presented within 100 ms of a whole
  // second stands for it: its display time, moved by the media time between them.
  const watch = (video: HTMLVideoElement) => {
    const onFrame = (_now: number, metadata: VideoFrameCallbackMetadata) => {
      const second = Math.round(metadata.mediaTime)
      const flash = metadata.expectedDisplayTime + (second - metadata.mediaTime) * 1000
      if (Math.abs(metadata.mediaTime - second) < 0.1 && !video.paused && record.flashes.at(-1) !== flash)
        record.flashes.push(flash)
      video.requestVideoFrameCallback(onFrame)
    }
    video.requestVideoFrameCallback(onFrame)
  }
  new MutationObserver(() => {
    const video = document.querySelector('video')
    if (video && !video.dataset.watched) {
      video.dataset.watched = 'yes'
      watch(video)
    }
  }).observe(document, { childList: true, subtree: true })
}

/** The loudness (RMS) of what the page's audio contexts output right now. */
function outputLevel(page: Page): Promise<number> {
  return page.evaluate(() => {
    const record = (window as unknown as { audioRecord: { analysers: AnalyserNode[] } }).audioRecord
    let level = 0
    for (const analyser of record.analysers) {
      const samples = new Float32Array(analyser.fftSize)
      analyser.getFloatTimeDomainData(samples)
      let sum = 0
      for (const sample of samples) sum += sample * sample
      level = Math.max(level, Math.sqrt(sum / samples.length))
    }
    return level
  })
}

/**
 * Audio-to-picture offsets (ms, positive when the sound is late) for each flash presented since
 * `sincePerf`. A flash's display time comes from requestVideoFrameCallback (performance clock); a
 * beep's from the buffer the page scheduled (context clock, onset found in its samples), moved to
 * the performance clock with AudioContext.getOutputTimestamp, which accounts for output latency.
 * Each flash is paired with the nearest beep heard (not stopped before its onset); a flash with no
 * beep within 0.5 s counts as silence (Infinity).
 */
function syncOffsets(page: Page, sincePerf: number): Promise<{ offsets: number[]; facts: string }> {
  return page.evaluate((since) => {
    const record = (
      window as unknown as {
        audioRecord: {
          contexts: AudioContext[]
          scheduled: {
            context: BaseAudioContext
            when: number
            offset: number
            stop: number
            onsets: number[]
          }[]
          flashes: number[]
        }
      }
    ).audioRecord
    const context = record.contexts.at(-1)
    if (!context) return { offsets: [Infinity], facts: 'no audio context' }
    const stamp = context.getOutputTimestamp()
    const toPerf = (contextTime: number) =>
      (stamp.performanceTime ?? 0) + (contextTime - (stamp.contextTime ?? 0)) * 1000
    const beeps: number[] = []
    const mine = record.scheduled.filter((entry) => entry.context === context)
    for (const entry of mine) {
      for (const onset of entry.onsets) {
        if (onset < entry.offset) continue
        const at = entry.when + onset - entry.offset
        if (at < entry.stop) beeps.push(toPerf(at))
      }
    }
    const flashes = record.flashes.filter((flash) => flash > since && flash < performance.now())
    const offsets = flashes.map((flash) => {
      let best = Infinity
      for (const beep of beeps) if (Math.abs(beep - flash) < Math.abs(best)) best = beep - flash
      return Math.abs(best) < 500 ? Math.round(best) : Infinity
    })
    const near = beeps.filter((beep) => beep > since - 2000).map(Math.round)
    const facts = `scheduled ${mine.length}; flashes ${flashes.map(Math.round).join(' ')}; beeps ${near.join(' ')}; stamp ${JSON.stringify(stamp)}; now ${Math.round(performance.now())}`
    return { offsets, facts }
  }, sincePerf)
}

const now = (page: Page) => page.evaluate(() => performance.now())

/** The video's time when the page started the first audio source of the clip playing now. */
function firstSoundAt(page: Page): Promise<number> {
  return page.evaluate(() => {
    const record = (
      window as unknown as {
        audioRecord: {
          contexts: AudioContext[]
          scheduled: { context: BaseAudioContext; videoTime: number }[]
        }
      }
    ).audioRecord
    const context = record.contexts.at(-1)
    return record.scheduled.find((entry) => entry.context === context)?.videoTime ?? Infinity
  })
}

/** How many audio sources the page has started for the clip playing now. */
function scheduledSources(page: Page): Promise<number> {
  return page.evaluate(() => {
    const record = (
      window as unknown as {
        audioRecord: { contexts: AudioContext[]; scheduled: { context: BaseAudioContext }[] }
      }
    ).audioRecord
    // Sources of this clip's audio context, not the previous clip's (closed with its player).
    const context = record.contexts.at(-1)
    if (!context || context.state === 'closed') return 0
    return record.scheduled.filter((entry) => entry.context === context).length
  })
}

/** What the video and the page's audio are doing now, for a failure's message. */
function playerState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const video = document.querySelector('video')
    const record = (window as unknown as { audioRecord: { contexts: AudioContext[] } }).audioRecord
    const context = record.contexts.at(-1)
    if (!video) return 'no video'
    const buffered = Array.from(
      { length: video.buffered.length },
      (_, i) => `${video.buffered.start(i).toFixed(1)}-${video.buffered.end(i).toFixed(1)}`,
    ).join(' ')
    const status = document.querySelector('figure .media-check')?.textContent?.trim() ?? ''
    return `video paused ${video.paused}, time ${video.currentTime.toFixed(2)}, readyState ${video.readyState}, buffered ${buffered}; audio ${context?.state ?? 'none'} at ${context?.currentTime.toFixed(2) ?? '-'}; "${status}"`
  })
}

test('HEVC and AVI say why they cannot play and offer the file; AC-3 audio is decoded in the page, in sync', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const [hevc, avi, dolby, sync, plusSync] = await Promise.all([
    makeMedia(hevcMp4({ seconds: 4 })),
    makeMedia(mpeg4Avi({ seconds: 2 })),
    makeMedia(h264DolbyMkv({ seconds: 30, mbps: 1, audio: 'ac3' })),
    makeMedia(flashBeep({ seconds: 40, audio: 'ac3', container: 'mkv' })),
    // E-AC-3 (Dolby Digital Plus) takes the same path with its own decoder: a short clip suffices.
    makeMedia(flashBeep({ seconds: 10, audio: 'eac3', container: 'mkv' })),
  ])
  const seeder = await openPeer(browser)
  const leecher = await openPeer(browser, async (context) => {
    await context.addInitScript(recordAudio)
  })
  const { page } = leecher

  // ---- What cannot play says so, and the file can still be saved.
  // A torrent of several files takes its first file's name.
  const unplayable = await seedAndCopyMagnet(seeder, [hevc, avi], 'hevc-aac-4s.mp4')
  await addByText(page, unplayable)
  const unplayableItem = torrentItem(page, 'hevc-aac-4s.mp4')
  await expectComplete(unplayableItem)
  await unplayableItem.click()
  const files = page.getByRole('list', { name: 'Files' })
  const aviRow = files.getByRole('listitem').filter({ hasText: 'mpeg4-mp3-2s.avi' })
  await expect(aviRow.getByRole('button', { name: 'Play' })).toHaveCount(0)
  await expect(aviRow).toContainText('AVI')
  await expect(aviRow).toContainText('cannot play')
  const hevcRow = files.getByRole('listitem').filter({ hasText: 'hevc-aac-4s.mp4' })
  await hevcRow.getByRole('button', { name: 'Play' }).click()
  const message = page.getByRole('figure').getByRole('alert')
  await expect(message).toContainText('HEVC (H.265)')
  await expect(message).toContainText('cannot decode')
  // The alert and the AVI note pass the accessibility scan the other views pass, in both themes.
  expect(await axeViolationsIn(page, 'figure.player')).toEqual([])
  expect(await axeViolationsIn(page, 'ul.files')).toEqual([])
  const download = page.waitForEvent('download')
  await message.getByRole('button', { name: 'Save file' }).click()
  const saved = await download
  expect(saved.suggestedFilename()).toBe('hevc-aac-4s.mp4')
  expect(await fileHash(await saved.path())).toBe(await fileHash(hevc))
  await page.getByRole('button', { name: 'Close player' }).click()

  // ---- H.264 + AC-3 plays with sound while it downloads. The seeder's upload limit (a product
  // setting) stretches the transfer so "while downloading" is observable on loopback.
  await setLimits(seeder.page, { uploadKBps: '120' })
  const dolbyMagnet = await seedAndCopyMagnet(seeder, [dolby, sync, plusSync], 'h264-ac3-1mbps-30s.mkv')
  await addByText(page, dolbyMagnet)
  const dolbyItem = torrentItem(page, 'h264-ac3-1mbps-30s.mkv')
  await expect(dolbyItem).toBeVisible()
  await dolbyItem.click()
  // A slow machine: the leecher's page runs at a quarter of the CPU (DevTools' CPU throttling), which
  // on this link left the film silent for 20 s while the file's index was read.
  const devtools = await page.context().newCDPSession(page)
  await devtools.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  await files
    .getByRole('listitem')
    .filter({ hasText: 'h264-ac3-1mbps-30s.mkv' })
    .getByRole('button', { name: 'Play' })
    .click()
  await expect.poll(() => videoTime(page), { timeout: 60_000 }).toBeGreaterThan(1)
  await expect
    .poll(() => outputLevel(page), { timeout: 20_000 })
    .toBeGreaterThan(0.02)
    .catch(async (error: unknown) => {
      throw new Error(`no sound: ${await playerState(page)}`, { cause: error })
    })
  expect(await progressOf(dolbyItem)).toBeLessThan(100)
  // The sound starts with the film, not after seconds of silent picture while the file's index (at
  // its end, behind the player's window on this slow link) is read.
  const soundFrom = await firstSoundAt(page)
  test.info().annotations.push({ type: 'AC-3 sound from', description: `${soundFrom.toFixed(2)} s` })
  expect(soundFrom).toBeLessThan(3)
  await devtools.send('Emulation.setCPUThrottlingRate', { rate: 1 })
  await page.getByRole('button', { name: 'Close player' }).click()

  // ---- Sync on the flash-and-beep clip, after play, pause/resume, a seek and a stall.
  await files
    .getByRole('listitem')
    .filter({ hasText: 'flash-beep-h264-ac3-40s.mkv' })
    .getByRole('button', { name: 'Play' })
    .click()
  const video = page.locator('video')
  const expectInSync = async (phase: string) => {
    const since = await now(page)
    await expect
      .poll(async () => (await syncOffsets(page, since + 300)).offsets.length, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(2)
      .catch(async (error: unknown) => {
        const { facts } = await syncOffsets(page, since + 300)
        throw new Error(`${phase}: ${facts}; ${await playerState(page)}`, { cause: error })
      })
    const { offsets, facts } = await syncOffsets(page, since + 300)
    test.info().annotations.push({ type: `sync ${phase}`, description: `${offsets.join(', ')} ms` })
    for (const offset of offsets)
      expect(Math.abs(offset), `${phase}: ${offsets.join(', ')} ms (${facts})`).toBeLessThan(100)
  }
  // The picture may start while the track list is still being read (the player does not wait for
  // it); sync is measured from the moment the page's audio has started.
  await expect.poll(() => scheduledSources(page), { timeout: 60_000 }).toBeGreaterThan(0)
  await expectInSync('after play')
  await video.evaluate((element: HTMLVideoElement) => element.pause())
  await page.waitForTimeout(1000)
  await video.evaluate((element: HTMLVideoElement) => element.play())
  await expectInSync('after pause and resume')
  await video.evaluate((element: HTMLVideoElement) => {
    element.currentTime = 12.5
  })
  await expectInSync('after a seek')
  // A seek far beyond what has arrived stalls until the stream fetches it.
  const stalled = video.evaluate(
    (element: HTMLVideoElement) =>
      new Promise<boolean>((resolve) => {
        element.addEventListener('waiting', () => resolve(true), { once: true })
        setTimeout(() => resolve(false), 10_000)
      }),
  )
  await video.evaluate((element: HTMLVideoElement) => {
    element.currentTime = 33.5
  })
  expect(await stalled).toBe(true)
  await expectInSync('after a stall')
  await page.getByRole('button', { name: 'Close player' }).click()

  // ---- E-AC-3: heard, in sync, from its start.
  await files
    .getByRole('listitem')
    .filter({ hasText: 'flash-beep-h264-eac3-10s.mkv' })
    .getByRole('button', { name: 'Play' })
    .click()
  await expect(page.getByRole('figure').getByRole('status')).toContainText('E-AC-3')
  await expect.poll(() => scheduledSources(page), { timeout: 60_000 }).toBeGreaterThan(0)
  await expectInSync('E-AC-3 after play')

  await closePeers(seeder, leecher)
})
