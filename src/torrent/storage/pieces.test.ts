import { describe, expect, it } from 'vitest'
import { bitfieldFromIndices } from './pieces'

describe('bitfieldFromIndices', () => {
  it('sets the most significant bit first', () => {
    expect([...bitfieldFromIndices([0, 7, 8], 10)]).toEqual([0b1000_0001, 0b1000_0000])
  })

  it('ignores indices outside the torrent and non-integers', () => {
    expect([...bitfieldFromIndices([-1, 10, 2.5, 3], 10)]).toEqual([0b0001_0000, 0])
  })

  it('sizes the bitfield to whole bytes', () => {
    expect(bitfieldFromIndices([], 16)).toHaveLength(2)
    expect(bitfieldFromIndices([], 17)).toHaveLength(3)
  })
})
