/** The playhead window, a pure function: nothing is faked, facts are plain numbers. */
import { describe, expect, it } from 'vitest'
import {
  aheadSeconds,
  ASSUMED_BYTES_PER_SECOND,
  bitrateOf,
  MAX_AHEAD_SECONDS,
  MIN_AHEAD_SECONDS,
  readHead,
  readHeadPieces,
  streamWindow,
  type PlayheadFacts,
} from './stream-window'

const MB = 1_000_000
/** A 45 MB file of 60 s (750 kB/s) in 64 KiB pieces, alone in its torrent. */
const film: PlayheadFacts = {
  fileOffset: 0,
  fileLength: 45 * MB,
  pieceLength: 65_536,
  pieceCount: Math.ceil((45 * MB) / 65_536),
  seconds: 0,
  duration: 60,
  linkBytesPerSecond: 0,
}

describe('stream window', () => {
  it('takes the bitrate from length and duration, and assumes one before the duration is known', () => {
    expect(bitrateOf(45 * MB, 60)).toBe(750_000)
    expect(bitrateOf(45 * MB, Number.NaN)).toBe(ASSUMED_BYTES_PER_SECOND)
    expect(bitrateOf(45 * MB, 0)).toBe(ASSUMED_BYTES_PER_SECOND)
  })

  it('keeps a long window on a link barely faster than the media, a short one on a fast link', () => {
    expect(aheadSeconds(750_000, 0)).toBe(MIN_AHEAD_SECONDS)
    expect(aheadSeconds(750_000, 1.5 * 750_000)).toBe(MAX_AHEAD_SECONDS)
    expect(aheadSeconds(750_000, 3 * 750_000)).toBe(6)
    expect(aheadSeconds(750_000, 100 * 750_000)).toBe(MAX_AHEAD_SECONDS)
    expect(aheadSeconds(750_000, 2.5 * 750_000)).toBeGreaterThanOrEqual(MIN_AHEAD_SECONDS)
  })

  it('starts at the file’s first piece and covers the minimum media time before anything is measured', () => {
    const window = streamWindow(film)
    expect(window?.from).toBe(0)
    // 4 s at 750 kB/s = 3 MB: piece 45 holds byte 3 000 000.
    expect(window?.to).toBe(Math.floor((MIN_AHEAD_SECONDS * 750_000) / 65_536))
  })

  it('moves with the playhead (a seek) and keeps a second behind it', () => {
    const window = streamWindow({ ...film, seconds: 48 })
    expect(window?.from).toBe(Math.floor((47 * 750_000) / 65_536))
    expect(window?.to).toBe(Math.floor((52 * 750_000) / 65_536))
  })

  it('stays inside the file, counting from where the file starts in the torrent', () => {
    const offset = 10 * 65_536 + 100
    const second = { ...film, fileOffset: offset, pieceCount: film.pieceCount + 20 }
    expect(streamWindow(second)?.from).toBe(10)
    const nearEnd = streamWindow({ ...second, seconds: 59.5, linkBytesPerSecond: 1.5 * 750_000 })
    expect(nearEnd?.to).toBe(Math.floor((offset + 45 * MB - 1) / 65_536))
  })

  it('gives no window for unusable facts', () => {
    expect(streamWindow({ ...film, pieceLength: 0 })).toBeNull()
    expect(streamWindow({ ...film, fileLength: 0 })).toBeNull()
  })
})

describe('the head of a read', () => {
  it('covers about a megabyte of pieces from where the player reads, never past the read', () => {
    expect(readHeadPieces(256 * 1024)).toBe(4)
    expect(readHeadPieces(3 * 1024 * 1024)).toBe(1)
    expect(readHeadPieces(0)).toBe(1)
    expect(readHead(100, 500, 4)).toEqual({ from: 100, to: 103 })
    expect(readHead(100, 101, 4)).toEqual({ from: 100, to: 101 })
    expect(readHead(7, 7, 1)).toEqual({ from: 7, to: 7 })
  })
})
