import { describe, expect, it } from 'vitest'
import { reconnectDelayMs } from './tracker-reconnect'

describe('reconnectDelayMs', () => {
  it('waits 1–2 s before the first retry and doubles from there', () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(1_000)
    expect(reconnectDelayMs(0, () => 1)).toBe(2_000)
    expect(reconnectDelayMs(1, () => 0)).toBe(2_000)
    expect(reconnectDelayMs(2, () => 1)).toBe(8_000)
  })

  it('never waits more than a minute, however many retries failed', () => {
    for (const retries of [5, 6, 20, 1_000, Number.MAX_SAFE_INTEGER]) {
      expect(reconnectDelayMs(retries, () => 1)).toBe(60_000)
      expect(reconnectDelayMs(retries, () => 0)).toBe(30_000)
    }
  })
})
