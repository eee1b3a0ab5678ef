/**
 * The track list is read from the file's head: a Matroska file whose index (Cues) sits at its end
 * is probed without reading that end. Injected: an in-memory RangeReader over a file made by ffmpeg
 * (fixtures/README.md), recording every range asked for.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { probeContainer } from './probe'
import type { RangeReader } from './range-reader'

function memoryReader(bytes: Uint8Array): RangeReader & { reads: [number, number][] } {
  const reads: [number, number][] = []
  return {
    reads,
    size: () => Promise.resolve(bytes.length),
    read(start, end) {
      reads.push([start, end])
      return Promise.resolve(bytes.slice(start, end))
    },
  }
}

const mkv = new Uint8Array(readFileSync(new URL('./fixtures/subtitled.mkv', import.meta.url)))

describe('probeContainer', () => {
  it('names the tracks of a Matroska file from its head alone, never reading its index at the end', async () => {
    const reader = memoryReader(mkv)
    const head = 2048
    expect(mkv.length).toBeGreaterThan(head)
    const facts = await probeContainer(reader, head)
    expect(facts.container).toBe('Matroska')
    expect(facts.tracks.map((track) => track.codec)).toEqual(['avc'])
    expect(Math.max(...reader.reads.map(([, end]) => end))).toBeLessThanOrEqual(head)
  })

  it('reads the whole file when its head names no track', async () => {
    const reader = memoryReader(mkv)
    // A head shorter than the Matroska header: nothing can be named from it.
    const facts = await probeContainer(reader, 64)
    expect(facts.tracks.map((track) => track.codec)).toEqual(['avc'])
    expect(Math.max(...reader.reads.map(([, end]) => end))).toBeGreaterThan(64)
  })
})
