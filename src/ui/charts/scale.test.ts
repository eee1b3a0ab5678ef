import { describe, expect, it } from 'vitest'
import { linePath, linear, niceStep, niceTicks, stepPath } from './scale'

describe('niceStep', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.7)).toBe(1)
    expect(niceStep(1)).toBe(1)
    expect(niceStep(1.2)).toBe(2)
    expect(niceStep(3)).toBe(5)
    expect(niceStep(7)).toBe(10)
    expect(niceStep(250_000)).toBe(500_000)
    expect(niceStep(0.003)).toBeCloseTo(0.005)
  })

  it('is 0 for nothing', () => {
    expect(niceStep(0)).toBe(0)
    expect(niceStep(-1)).toBe(0)
    expect(niceStep(Number.NaN)).toBe(0)
  })
})

describe('niceTicks', () => {
  it('runs from 0 to a nice value at or above the maximum', () => {
    expect(niceTicks(100, 4)).toEqual([0, 50, 100])
    expect(niceTicks(1_300_000, 4)).toEqual([0, 500_000, 1_000_000, 1_500_000])
    expect(niceTicks(0.3, 3)).toEqual([0, 0.1, 0.2, 0.3])
  })

  it('never ends below the maximum', () => {
    for (const max of [1, 3, 7.5, 99, 101, 123_456, 9_999_999]) {
      const ticks = niceTicks(max)
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max)
      expect(ticks.length).toBeLessThanOrEqual(11)
    }
  })

  it('is just 0 with no data', () => {
    expect(niceTicks(0)).toEqual([0])
  })
})

describe('linear', () => {
  it('maps a domain onto a range, inverted for SVG y', () => {
    const y = linear(0, 100, 80, 0)
    expect(y(0)).toBe(80)
    expect(y(50)).toBe(40)
    expect(y(100)).toBe(0)
  })

  it('maps a zero-width domain to the start', () => {
    expect(linear(5, 5, 10, 20)(5)).toBe(10)
  })
})

describe('paths', () => {
  it('draws a polyline with one decimal', () => {
    expect(linePath([])).toBe('')
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 1.26, y: 2 },
      ]),
    ).toBe('M0,10L1.3,2')
  })

  it('draws steps that hold each value until the next point, then to the end', () => {
    expect(
      stepPath(
        [
          { x: 0, y: 10 },
          { x: 5, y: 4 },
        ],
        9,
      ),
    ).toBe('M0,10H5V4H9')
    expect(stepPath([{ x: 3, y: 1 }])).toBe('M3,1')
  })
})
