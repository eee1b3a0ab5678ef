import { describe, expect, it } from 'vitest'
import {
  classifyPieces,
  countPieceStates,
  PIECE_IN_FLIGHT,
  PIECE_MISSING,
  PIECE_STREAMED,
  PIECE_VERIFIED,
} from './piece-map'
import { bitfieldFromIndices } from './pieces'

describe('classifyPieces', () => {
  it('reads the bitfield most significant bit first', () => {
    const states = classifyPieces(10, bitfieldFromIndices([0, 7, 9], 10), null)
    expect([...states]).toEqual([3, 0, 0, 0, 0, 0, 0, 3, 0, 3])
  })

  it('orders verified over in flight over streamed over missing', () => {
    const verified = bitfieldFromIndices([2], 8)
    const states = classifyPieces(8, verified, { inFlight: [2, 3, 6], streamed: [[1, 4]] })
    expect([...states]).toEqual([
      PIECE_MISSING,
      PIECE_STREAMED,
      PIECE_VERIFIED,
      PIECE_IN_FLIGHT,
      PIECE_STREAMED,
      PIECE_MISSING,
      PIECE_IN_FLIGHT,
      PIECE_MISSING,
    ])
  })

  it('ignores activity outside the torrent', () => {
    const states = classifyPieces(4, null, {
      inFlight: [-1, 4, 100],
      streamed: [
        [-5, 0],
        [3, 99],
      ],
    })
    expect([...states]).toEqual([PIECE_STREAMED, PIECE_MISSING, PIECE_MISSING, PIECE_STREAMED])
  })

  it('handles no metadata (no pieces) and a short bitfield', () => {
    expect(classifyPieces(0, null, null)).toHaveLength(0)
    expect([...classifyPieces(10, new Uint8Array([0xff]), null)]).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 0, 0])
  })
})

describe('countPieceStates', () => {
  it('counts each state and the total', () => {
    const states = classifyPieces(6, bitfieldFromIndices([0, 1], 6), { inFlight: [2], streamed: [[3, 3]] })
    expect(countPieceStates(states)).toEqual({ total: 6, verified: 2, inFlight: 1, streamed: 1, missing: 2 })
  })
})
