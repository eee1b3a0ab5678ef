// A pure function on a bitfield: nothing faked or injected.
import { describe, expect, it } from 'vitest'
import { bitfieldFromIndices } from '../storage/pieces'
import { verifiedRunEnd } from './file-ranges'

describe('verifiedRunEnd', () => {
  // Pieces of 100 bytes; the file starts 50 bytes into piece 0 of the torrent.
  const bitfield = bitfieldFromIndices([0, 1, 3], 8)

  it('runs to the first piece that is not verified', () => {
    expect(verifiedRunEnd(bitfield, 100, 50, 0, 1000)).toBe(150)
    expect(verifiedRunEnd(bitfield, 100, 50, 10, 60)).toBe(60)
  })

  it('gives nothing from a byte whose piece is missing, and runs again after it', () => {
    expect(verifiedRunEnd(bitfield, 100, 50, 150, 400)).toBe(150)
    expect(verifiedRunEnd(bitfield, 100, 50, 250, 400)).toBe(350)
  })
})
