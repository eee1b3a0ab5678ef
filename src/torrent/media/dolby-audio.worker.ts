/**
 * Decodes a file's AC-3 / E-AC-3 track around the playhead: mediabunny demuxes the bytes the page
 * reads for it, its AC-3 extension (FFmpeg's decoder in WebAssembly) decodes them, and the PCM goes
 * back to the page as transferable planes. Only a window ahead of the playhead is decoded, so
 * memory stays bounded however long the film.
 */
import { registerAc3Decoder } from '@mediabunny/ac3'
import { ALL_FORMATS, AudioSampleSink, CustomSource, Input, type AudioSample } from 'mediabunny'
import type { FromWorker, ToWorker } from './dolby-messages'

/** Seconds of audio decoded ahead of the playhead. */
const AHEAD_S = 4
const CACHE_BYTES = 16 * 1024 * 1024

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

const input = new Input({
  source: new CustomSource({
    getSize: () => {
      post({ type: 'size?' })
      return size
    },
    read,
    maxCacheSize: CACHE_BYTES,
    prefetchProfile: 'network',
  }),
  formats: ALL_FORMATS,
})

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

async function decodeFrom(time: number, mine: number): Promise<void> {
  const track = await input.getPrimaryAudioTrack()
  if (!track) throw new Error('no audio track')
  const sink = new AudioSampleSink(track)
  for await (const sample of sink.samples(time)) {
    try {
      if (mine !== generation) return
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
