// The byte source is an in-memory array with a movable "arrived" limit (standing in for the pieces
// of a torrent that have downloaded); the MKV fixtures were made by ffmpeg (see fixtures/README.md).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Cue } from './subtitle-text'
import {
  MatroskaSubtitleReader,
  type ByteSource,
  type EmbeddedSubtitleTrack,
  type ReadState,
} from './matroska-subtitles'

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)))

class ArrivingBytes implements ByteSource {
  arrived: number
  reads = 0
  constructor(
    readonly bytes: Uint8Array,
    arrived = bytes.length,
  ) {
    this.arrived = arrived
  }
  get length(): number {
    return this.bytes.length
  }
  read(start: number, maxLength: number): Promise<Uint8Array> {
    this.reads += 1
    return Promise.resolve(this.bytes.slice(start, Math.min(start + maxLength, this.arrived)))
  }
}

function collect(source: ByteSource) {
  const tracks: EmbeddedSubtitleTrack[][] = []
  const cues: { track: number; cue: Cue }[] = []
  const reader = new MatroskaSubtitleReader(source, {
    tracks: (list) => tracks.push([...list]),
    cue: (track, cue) => cues.push({ track, cue }),
  })
  return { reader, tracks, cues }
}

async function readAll(reader: MatroskaSubtitleReader): Promise<ReadState> {
  let state: ReadState = 'again'
  for (let calls = 0; state === 'again' && calls < 10_000; calls += 1) state = await reader.read()
  return state
}

describe('MatroskaSubtitleReader', () => {
  it('reads the SRT and ASS tracks of a file made by ffmpeg, with their cues, times and plain text', async () => {
    const { reader, tracks, cues } = collect(new ArrivingBytes(fixture('subtitled.mkv')))
    expect(await readAll(reader)).toBe('done')
    expect(tracks).toEqual([
      [
        { number: 2, codec: 'srt', language: 'eng', name: null },
        { number: 3, codec: 'ass', language: 'fra', name: 'Français' },
      ],
    ])
    const text = (track: number) => cues.filter((c) => c.track === track).map((c) => c.cue)
    expect(text(2)).toEqual([
      { start: 0, end: 1.8, text: 'Embedded cue 1' },
      { start: 2, end: 3.8, text: 'Embedded <i>cue</i> 2' },
      { start: 4, end: 5.8, text: 'Embedded cue 3\nsecond line' },
    ])
    expect(text(3)).toEqual([
      { start: 0, end: 1.8, text: 'Embedded cue 1' },
      { start: 2, end: 3.8, text: 'Embedded cue 2' },
      { start: 4, end: 5.8, text: 'Embedded cue 3\nsecond line' },
    ])
  })

  it('reads a live file (unknown sizes) with a WebVTT track', async () => {
    const { reader, tracks, cues } = collect(new ArrivingBytes(fixture('live.mkv')))
    expect(await readAll(reader)).toBe('done')
    expect(tracks.at(-1)).toEqual([{ number: 2, codec: 'webvtt', language: 'und', name: null }])
    expect(cues.map((c) => c.cue.text)).toEqual([
      'Embedded cue 1',
      'Embedded <i>cue</i> 2',
      'Embedded cue 3\nsecond line',
    ])
  })

  it('gives the cues of the part that has arrived, waits, and carries on as more arrives', async () => {
    const bytes = fixture('subtitled.mkv')
    const source = new ArrivingBytes(bytes, 0)
    const { reader, cues } = collect(source)
    const seen: number[] = []
    for (let arrived = 0; arrived <= bytes.length; arrived += 97) {
      source.arrived = arrived
      const state = await readAll(reader)
      // It may finish before the last bytes arrive: the file's tail (tags) is skipped by size, unread.
      if (cues.length < 6) expect(state).toBe('waiting')
      seen.push(cues.length)
    }
    source.arrived = bytes.length
    expect(await readAll(reader)).toBe('done')
    expect(cues).toHaveLength(6)
    // Cues came in as their bytes did, not all at the end.
    expect(seen.filter((count) => count > 0 && count < 6).length).toBeGreaterThan(0)
  })

  it('ends, without throwing, on truncated, zeroed and random input', async () => {
    const bytes = fixture('subtitled.mkv')
    const inputs = [
      new Uint8Array(0),
      new Uint8Array(100),
      bytes.slice(0, 200),
      Uint8Array.from(bytes, (b, i) => (i % 50 === 7 ? 0xff : b)),
    ]
    let seed = 17
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let run = 0; run < 300; run += 1) {
      const copy = bytes.slice()
      for (let flips = 0; flips < 1 + (run % 20); flips += 1)
        copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256)
      inputs.push(run % 3 === 0 ? copy.slice(0, Math.floor(random() * copy.length)) : copy)
    }
    for (const input of inputs) {
      const { reader, cues } = collect(new ArrivingBytes(input))
      expect(await readAll(reader)).toBe('done')
      for (const { cue } of cues) {
        expect(Number.isFinite(cue.start) && cue.end >= cue.start).toBe(true)
        expect(cue.text.length).toBeLessThanOrEqual(2000)
      }
    }
  })

  it('skips an element claiming a huge size without loading it, and ends at the end of the file', async () => {
    // EBML header, then a Segment of unknown size holding a Void element that claims 2^50 bytes.
    const hostile = Uint8Array.from([
      0x1a, 0x45, 0xdf, 0xa3, 0x80, 0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
      0xec, 0x01, 0x04, 0, 0, 0, 0, 0, 0,
    ])
    const source = new ArrivingBytes(hostile)
    const { reader } = collect(source)
    expect(await readAll(reader)).toBe('done')
    expect(source.reads).toBeLessThan(5)
  })
})
