/** The scheduling arithmetic of in-page audio: pure functions, no AudioContext. */
import { describe, expect, it } from 'vitest'
import { expectedMediaTime, hasDrifted, place, stillNeeded } from './audio-schedule'

const anchor = { contextTime: 100, mediaTime: 10 }

describe('place', () => {
  it('starts a future chunk at its media time on the context clock, early by the latency', () => {
    expect(place({ start: 12, duration: 0.032 }, anchor, 100, 0)).toEqual({ when: 102, offset: 0 })
    expect(place({ start: 12, duration: 0.032 }, anchor, 100, 0.05)).toEqual({ when: 101.95, offset: 0 })
  })

  it('starts a chunk already under way now, from the part still to come', () => {
    const placed = place({ start: 10, duration: 1 }, anchor, 100.25, 0)
    expect(placed?.when).toBe(100.25)
    expect(placed?.offset).toBeCloseTo(0.25)
  })

  it('drops a chunk that has ended', () => {
    expect(place({ start: 9, duration: 0.5 }, anchor, 100, 0)).toBeNull()
    expect(place({ start: 10, duration: 1 }, anchor, 101, 0)).toBeNull()
  })
})

describe('drift', () => {
  it('expects the media time to advance with the context clock', () => {
    expect(expectedMediaTime(anchor, 103)).toBe(13)
  })

  it('says drifted beyond 40 ms either way, not within', () => {
    expect(hasDrifted(anchor, 103, 13.03)).toBe(false)
    expect(hasDrifted(anchor, 103, 12.97)).toBe(false)
    expect(hasDrifted(anchor, 103, 13.05)).toBe(true)
    expect(hasDrifted(anchor, 103, 12.9)).toBe(true)
  })
})

describe('stillNeeded', () => {
  it('keeps chunks ahead and just behind the playhead, drops older ones', () => {
    expect(stillNeeded({ start: 20, duration: 0.03 }, 10)).toBe(true)
    expect(stillNeeded({ start: 9.6, duration: 0.03 }, 10)).toBe(true)
    expect(stillNeeded({ start: 8, duration: 1 }, 10)).toBe(false)
  })
})
