import { describe, expect, it } from 'vitest'
import { RingBuffer, SpeedHistory } from './speed-history'

describe('RingBuffer', () => {
  it('keeps the newest items, oldest first', () => {
    const buffer = new RingBuffer<number>(3)
    expect(buffer.toArray()).toEqual([])
    buffer.push(1)
    buffer.push(2)
    expect(buffer.toArray()).toEqual([1, 2])
    for (const value of [3, 4, 5]) buffer.push(value)
    expect(buffer.toArray()).toEqual([3, 4, 5])
    expect(buffer.size).toBe(3)
  })

  it('stays bounded over many pushes', () => {
    const buffer = new RingBuffer<number>(120)
    for (let i = 0; i < 10_000; i++) buffer.push(i)
    const items = buffer.toArray()
    expect(items).toHaveLength(120)
    expect(items[0]).toBe(9880)
    expect(items.at(-1)).toBe(9999)
  })

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError)
    expect(() => new RingBuffer(1.5)).toThrow(RangeError)
  })
})

describe('SpeedHistory', () => {
  const torrent = (infoHash: string, downloadSpeed: number, uploadSpeed = 0) => ({
    infoHash,
    downloadSpeed,
    uploadSpeed,
  })

  it('keeps one sample per interval, tolerating timer jitter', () => {
    const history = new SpeedHistory(10, 1000)
    expect(history.record([torrent('a', 1)], 0)).toBe(true)
    expect(history.record([torrent('a', 2)], 250)).toBe(false)
    expect(history.record([torrent('a', 3)], 750)).toBe(false)
    // 995 ms after the last kept one: jitter, not a skipped second.
    expect(history.record([torrent('a', 4)], 995)).toBe(true)
    expect(history.samples('a').map((sample) => sample.down)).toEqual([1, 4])
  })

  it('is bounded per torrent and forgets removed torrents', () => {
    const history = new SpeedHistory(3, 1000)
    for (let second = 0; second < 5; second++) {
      history.record([torrent('a', second, 10 * second), torrent('b', 1)], second * 1000)
    }
    expect(history.samples('a')).toEqual([
      { at: 2000, down: 2, up: 20 },
      { at: 3000, down: 3, up: 30 },
      { at: 4000, down: 4, up: 40 },
    ])
    history.record([torrent('a', 5)], 5000)
    expect(history.samples('b')).toEqual([])
    expect(history.samples('unknown')).toEqual([])
  })
})
