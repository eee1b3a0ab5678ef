/**
 * Decodes a file's AC-3 / E-AC-3 track around the playhead: mediabunny demuxes the bytes the page
 * reads for it, its AC-3 extension (FFmpeg's decoder in WebAssembly) decodes them, and the PCM goes
 * back to the page as transferable planes. Only a window ahead of the playhead is decoded, so
 * memory stays bounded however long the film.
 *
 * The sound starts from the file's head, read as if the file ended there: the demuxer reads a
 * Matroska file's index (Cues, usually at its end) before its first packet, and on a slow link the
 * last pieces wait behind the player's window, so the film would play silently for most of its
 * download. The whole file (with its index, for seeks) takes over once its index is read, or where
 * the head ends.
 */
import { registerAc3Decoder } from '@mediabunny/ac3'
import { ALL_FORMATS, AudioSampleSink, CustomSource, Input, type AudioSample } from 'mediabunny'
import type { FromWorker, ToWorker } from './dolby-messages'

/** Seconds of audio decoded ahead of the playhead. */
const AHEAD_S = 4
const CACHE_BYTES = 16 * 1024 * 1024
/**
 * The head decoded before the index at the end is known: a few minutes of a film, and never its
 * last tenth, where a Matroska index lies (the demuxer skips what lies beyond the end it is told).
 */
const HEAD_BYTES = 256 * 1024 * 1024
const headOf = (bytes: number) => Math.min(HEAD_BYTES, Math.floor(bytes * 0.9))

registerAc3Decoder()

// The worker's own global, typed for what this file uses of it (the project compiles against the DOM library).
const scope = self as unknown as {
  postMessage(message: FromWorker, transfer: Transferable[]): void
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null
}
const post = (message: FromWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer)

let nextRead = 0
const reads = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>()
let sizeAnswer: ((size: number) => void) | undefined
let sizeFailure: ((error: Error) => void) | undefined
const size = new Promise<number>((resolve, reject) => {
  sizeAnswer = resolve
  sizeFailure = reject
})

function read(start: number, end: number): Promise<Uint8Array> {
  const id = nextRead++
  return new Promise((resolve, reject) => {
    reads.set(id, { resolve, reject })
    post({ type: 'read', id, start, end })
  })
}

post({ type: 'size?' })

function inputOf(length: () => Promise<number>): Input {
  return new Input({
    source: new CustomSource({
      getSize: length,
      read,
      maxCacheSize: CACHE_BYTES,
      prefetchProfile: 'network',
    }),
    formats: ALL_FORMATS,
  })
}

const whole = inputOf(() => size)
const head = inputOf(() => size.then(headOf))
let wholeKnown = false
let started = false
// Read the whole file's metadata (its index included) from the start, so it is there for seeks.
whole.getPrimaryAudioTrack().then(
  () => (wholeKnown = true),
  () => undefined,
)

let playhead = 0
let generation = -1
const waiting = new Set<() => void>()

/** Resolves when the playhead moves or a new start is asked. */
function moved(): Promise<void> {
  return new Promise((resolve) => waiting.add(resolve))
}

function wake(): void {
  for (const resolve of waiting) resolve()
  waiting.clear()
}

function planes(sample: AudioSample): Float32Array<ArrayBuffer>[] {
  const channels: Float32Array<ArrayBuffer>[] = []
  for (let planeIndex = 0; planeIndex < sample.numberOfChannels; planeIndex += 1) {
    const plane = new Float32Array(sample.numberOfFrames)
    sample.copyTo(plane, { planeIndex, format: 'f32-planar' })
    channels.push(plane)
  }
  return channels
}

/** Where decoding has reached: the media time just after the last sample sent. */
interface Progress {
  reached: number | null
}

async function decodeFrom(time: number, mine: number): Promise<void> {
  const progress: Progress = { reached: null }
  // Only the start: a seek without the index would make the demuxer walk every cluster before
  // the target, which on a torrent waits for all the pieces between.
  const first = !started
  started = true
  if (first && !wholeKnown) {
    // The head may end mid-block or hold no sample at `time`: the whole file goes on from there.
    await decodeWith(head, time, mine, progress).catch(() => undefined)
    if (mine !== generation) return
  }
  await decodeWith(whole, progress.reached ?? time, mine, progress)
}

/** Sends the samples of `input` from `time` on; those before `progress.reached` were sent already. */
async function decodeWith(input: Input, time: number, mine: number, progress: Progress): Promise<void> {
  const track = await input.getPrimaryAudioTrack()
  if (!track) throw new Error('no audio track')
  const sink = new AudioSampleSink(track)
  for await (const sample of sink.samples(time)) {
    try {
      if (mine !== generation) return
      if (progress.reached !== null && sample.timestamp < progress.reached - 0.001) continue
      const channels = planes(sample)
      post(
        {
          type: 'chunk',
          generation: mine,
          start: sample.timestamp,
          sampleRate: sample.sampleRate,
          planes: channels,
        },
        channels.map((plane) => plane.buffer),
      )
      progress.reached = sample.timestamp + sample.duration
      while (mine === generation && sample.timestamp > playhead + AHEAD_S) await moved()
    } finally {
      sample.close()
    }
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data
  switch (message.type) {
    case 'from':
      generation = message.generation
      playhead = message.time
      wake()
      decodeFrom(message.time, message.generation).catch((error: unknown) =>
        post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
      )
      break
    case 'playhead':
      playhead = message.time
      wake()
      break
    case 'bytes': {
      const pending = reads.get(message.id)
      reads.delete(message.id)
      if (message.bytes) pending?.resolve(message.bytes)
      else pending?.reject(new Error(message.error ?? 'read failed'))
      break
    }
    case 'size':
      if (message.size !== undefined) sizeAnswer?.(message.size)
      else sizeFailure?.(new Error(message.error ?? 'no size'))
      break
  }
}
