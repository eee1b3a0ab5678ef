/** Which pieces are wanted when files are skipped (pure: file spans in, piece ranges out). */
import { describe, expect, it } from 'vitest'
import { wantedPieceRanges } from './wanted-pieces'

/** Files of the given lengths laid end to end, as in a torrent. */
function laidOut(lengths: number[]) {
  let offset = 0
  return lengths.map((length) => {
    const file = { offset, length }
    offset += length
    return file
  })
}

describe('wantedPieceRanges', () => {
  it('gives one range for 10 000 wanted files that follow each other', () => {
    const files = laidOut(Array.from({ length: 10_000 }, () => 1000))
    expect(wantedPieceRanges(files, 16_384, new Set())).toEqual([[0, Math.floor((10_000_000 - 1) / 16_384)]])
  })

  it('leaves out the pieces of skipped files, but keeps a piece a wanted file shares', () => {
    // Pieces of 100 bytes: a 0-149 (pieces 0-1), b 150-349 (1-3), c 350-599 (3-5), d 600-699 (6).
    const files = laidOut([150, 200, 250, 100])
    expect(wantedPieceRanges(files, 100, new Set([1]))).toEqual([
      [0, 1],
      [3, 6],
    ])
    expect(wantedPieceRanges(files, 100, new Set([1, 2]))).toEqual([
      [0, 1],
      [6, 6],
    ])
    expect(wantedPieceRanges(files, 100, new Set([0, 1, 2, 3]))).toEqual([])
  })

  it('ignores empty files, which have no pieces', () => {
    const files = laidOut([100, 0, 100])
    expect(wantedPieceRanges(files, 100, new Set([0]))).toEqual([[1, 1]])
  })

  it('selects exactly the pieces of wanted files, for random layouts and choices', () => {
    for (let round = 0; round < 200; round++) {
      const lengths = Array.from(
        { length: 1 + (round % 17) },
        (_, i) => ((round * 7919 + i * 104729) % 500) * (i % 4),
      )
      const files = laidOut(lengths)
      const pieceLength = 1 + ((round * 31) % 120)
      const skipped = new Set(lengths.flatMap((_, i) => ((round >> i) & 1 ? [i] : [])))
      const expected = new Set<number>()
      files.forEach((file, index) => {
        if (skipped.has(index) || file.length === 0) return
        for (
          let piece = Math.floor(file.offset / pieceLength);
          piece * pieceLength < file.offset + file.length;
          piece++
        )
          expected.add(piece)
      })
      const selected = new Set(
        wantedPieceRanges(files, pieceLength, skipped).flatMap(([from, to]) =>
          Array.from({ length: to - from + 1 }, (_, i) => from + i),
        ),
      )
      expect([...selected].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b))
    }
  })
})
