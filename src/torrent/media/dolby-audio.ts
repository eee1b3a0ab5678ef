/**
 * Plays a file's Dolby audio beside its <video>: the video element shows the picture (its AC-3
 * track, which Chromium cannot decode, is ignored), a worker decodes the AC-3 around the playhead,
 * and this module schedules the PCM on an AudioContext tied to video.currentTime. It stops all
 * sound on pause, seek and stall, and re-anchors on `playing` or when the clocks drift apart.
 */
import { hasDrifted, place, stillNeeded, type Anchor } from './audio-schedule'
import type { FromWorker, ToWorker } from './dolby-messages'
import type { RangeReader } from './range-reader'

const CHECK_EVERY_MS = 250
/** The longest the picture waits for its sound after a start or a seek before it plays without. */
const HOLD_LIMIT_MS = 5000

interface Chunk {
  readonly start: number
  readonly duration: number
  readonly buffer: AudioBuffer
}

export interface DolbyAudio {
  stop: () => void
}

export function playDolbyAudio(
  video: HTMLVideoElement,
  reader: RangeReader,
  onFailure: () => void,
): DolbyAudio {
  const worker = new Worker(new URL('./dolby-audio.worker.ts', import.meta.url), { type: 'module' })
  const context = new AudioContext({ latencyHint: 'playback' })
  const output = context.createGain()
  output.connect(context.destination)
  let chunks: Chunk[] = []
  const playing = new Set<AudioBufferSourceNode>()
  let anchor: Anchor | null = null
  let generation = 0
  // The picture waits (paused by us) while the decoder starts or catches up after a seek, so the
  // film never runs ahead of its sound; a pause the user makes is theirs and is left alone.
  let held = false
  let holdTimer: ReturnType<typeof setTimeout> | undefined

  const send = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer)
  const latency = () => context.outputLatency || context.baseLatency || 0

  function silence(): void {
    anchor = null
    for (const source of playing) source.stop()
    playing.clear()
  }

  function schedule(chunk: Chunk): void {
    if (!anchor) return
    const placed = place(chunk, anchor, context.currentTime, latency())
    if (!placed) return
    const source = context.createBufferSource()
    source.buffer = chunk.buffer
    source.connect(output)
    source.onended = () => playing.delete(source)
    playing.add(source)
    source.start(placed.when, placed.offset)
  }

  /** Ties the audio clock to the picture now and schedules every chunk held. */
  function anchorNow(): void {
    silence()
    if (video.paused || video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA) return
    void context.resume()
    anchor = { contextTime: context.currentTime, mediaTime: video.currentTime }
    for (const chunk of chunks) schedule(chunk)
  }

  function hold(): void {
    if (video.paused) return
    held = true
    video.pause()
    clearTimeout(holdTimer)
    holdTimer = setTimeout(release, HOLD_LIMIT_MS)
  }

  function release(): void {
    clearTimeout(holdTimer)
    if (!held) return
    held = false
    video.play().catch(() => undefined)
  }

  function decodeFrom(time: number): void {
    generation += 1
    chunks = []
    send({ type: 'from', time, generation })
  }

  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data
    switch (message.type) {
      case 'read':
        reader.read(message.start, message.end).then(
          (bytes) => send({ type: 'bytes', id: message.id, bytes }, [bytes.buffer]),
          (error: unknown) => send({ type: 'bytes', id: message.id, error: String(error) }),
        )
        break
      case 'size?':
        reader.size().then(
          (size) => send({ type: 'size', size }),
          (error: unknown) => send({ type: 'size', error: String(error) }),
        )
        break
      case 'chunk': {
        if (message.generation !== generation || message.planes.length === 0) return
        const frames = message.planes[0]?.length ?? 0
        const buffer = context.createBuffer(message.planes.length, frames, message.sampleRate)
        message.planes.forEach((plane, channel) => buffer.copyToChannel(plane, channel))
        const chunk = { start: message.start, duration: frames / message.sampleRate, buffer }
        chunks.push(chunk)
        schedule(chunk)
        release()
        break
      }
      case 'failed':
        release()
        onFailure()
        break
    }
  }

  const onSeeking = () => {
    silence()
    hold()
    decodeFrom(video.currentTime)
  }
  const listeners: [string, () => void][] = [
    ['play', () => (held = false)],
    ['playing', anchorNow],
    ['pause', silence],
    ['waiting', silence],
    ['seeking', onSeeking],
    ['ratechange', anchorNow],
  ]
  for (const [type, listener] of listeners) video.addEventListener(type, listener)

  // On a cadence: tell the worker where the playhead is, let go of what has played, and re-anchor
  // when the picture and the audio clock disagree (a frame dropped, a clock that runs at its own pace).
  const timer = setInterval(() => {
    send({ type: 'playhead', time: video.currentTime })
    chunks = chunks.filter((chunk) => stillNeeded(chunk, video.currentTime))
    if (anchor && !video.paused && hasDrifted(anchor, context.currentTime, video.currentTime)) anchorNow()
  }, CHECK_EVERY_MS)

  hold()
  decodeFrom(video.currentTime)

  return {
    stop() {
      clearInterval(timer)
      clearTimeout(holdTimer)
      for (const [type, listener] of listeners) video.removeEventListener(type, listener)
      silence()
      worker.terminate()
      void context.close()
    },
  }
}
