/** The window's request policy, pure functions: nothing is faked, rates and ranges are plain numbers. */
import { describe, expect, it } from 'vitest'
import {
  BLOCK_BYTES,
  fastestFirst,
  rateAllowing,
  WINDOW_MIN_BLOCKS,
  WINDOW_PIPELINE_SECONDS,
  windowPieces,
  windowPipelineBlocks,
} from './window-pipeline'

describe('window pipeline depth', () => {
  it('asks deep from the first request, before any rate is measured', () => {
    expect(windowPipelineBlocks(0)).toBe(WINDOW_MIN_BLOCKS)
    expect(windowPipelineBlocks(Number.NaN)).toBe(WINDOW_MIN_BLOCKS)
    expect(WINDOW_MIN_BLOCKS).toBeGreaterThan(2)
  })

  it('grows with the connection rate, and stays within the peer’s announced queue', () => {
    const fast = 20 * 1024 * 1024
    expect(windowPipelineBlocks(fast)).toBe(2 + (WINDOW_PIPELINE_SECONDS * fast) / BLOCK_BYTES)
    expect(windowPipelineBlocks(fast, 250)).toBe(250)
    expect(windowPipelineBlocks(0, 8)).toBe(8)
    expect(windowPipelineBlocks(fast, 0)).toBe(windowPipelineBlocks(fast))
  })

  it('reads as the rate at which WebTorrent’s own limit (2 + one second of blocks) allows that depth', () => {
    for (const blocks of [2, 3, WINDOW_MIN_BLOCKS, 500]) {
      expect(2 + Math.ceil(rateAllowing(blocks) / BLOCK_BYTES)).toBe(blocks)
    }
    expect(rateAllowing(0)).toBe(0)
  })
})

describe('window request order', () => {
  it('offers window blocks to the fastest connection first, keeping the order of equals', () => {
    const rates: Record<string, number> = { a: 10, b: 500, c: 10, d: 0 }
    expect(fastestFirst(['a', 'b', 'c', 'd'], (name) => rates[name] ?? 0)).toEqual(['b', 'a', 'c', 'd'])
    expect(fastestFirst(['x'], () => Number.NaN)).toEqual(['x'])
  })

  it('asks for the read head, then the window, each piece once, skipping verified ones', () => {
    const verified = new Set([2, 41])
    expect(
      windowPieces(
        [
          { from: 40, to: 42 },
          { from: 0, to: 4 },
        ],
        (index) => verified.has(index),
      ),
    ).toEqual([40, 42, 0, 1, 3, 4])
    expect(windowPieces([null, { from: 3, to: 5 }, { from: 4, to: 6 }], () => false)).toEqual([3, 4, 5, 6])
    expect(windowPieces([null, null], () => false)).toEqual([])
  })
})
