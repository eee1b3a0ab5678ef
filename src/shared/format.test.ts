import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../testing/test-locale'
import { formatBytes, formatDuration, formatSpeed, percentOf } from './format'

afterEach(() => useLocale('en'))

const NBSP = '\u00a0'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

describe('formatBytes', () => {
  it('shows whole bytes below 1000', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1)).toBe('1 B')
    expect(formatBytes(999)).toBe('999 B')
  })

  it('switches to kB at 1000 with three significant digits', () => {
    expect(formatBytes(1000)).toBe('1.00 kB')
    expect(formatBytes(1500)).toBe('1.50 kB')
    expect(formatBytes(15_000)).toBe('15.0 kB')
    expect(formatBytes(150_000)).toBe('150 kB')
  })

  it('uses MB, GB and TB for larger sizes', () => {
    expect(formatBytes(12_345_678)).toBe('12.3 MB')
    expect(formatBytes(4_700_000_000)).toBe('4.70 GB')
    expect(formatBytes(2_000_000_000_000)).toBe('2.00 TB')
  })

  it('stays in TB beyond the largest unit, grouping the digits', () => {
    expect(formatBytes(5e15)).toBe('5,000 TB')
  })

  it('never shows "1000" of a unit when rounding would reach the next one', () => {
    expect(formatBytes(999.4)).toBe('999 B')
    expect(formatBytes(999.5)).toBe('1.00 kB')
    expect(formatBytes(999_499)).toBe('999 kB')
    expect(formatBytes(999_999)).toBe('1.00 MB')
    expect(formatBytes(999_999_999)).toBe('1.00 GB')
  })

  it('shows a dash for negative, NaN and infinite sizes', () => {
    expect(formatBytes(-1)).toBe('–')
    expect(formatBytes(Number.NaN)).toBe('–')
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('–')
  })
})

describe('sizes in French and German', () => {
  it('use the decimal comma, and French units (octets)', () => {
    useLocale('fr')
    expect([999, 1500, 12_345_678, 4_700_000_000].map(formatBytes)).toEqual(
      ['999 o', '1,50 ko', '12,3 Mo', '4,70 Go'].map((text) => text.replace(' ', NBSP)),
    )
    expect(formatSpeed(1500)).toBe(`1,50${NBSP}ko/s`)
    useLocale('de')
    expect([999, 1500, 12_345_678, 5e15].map(formatBytes)).toEqual(
      ['999 B', '1,50 kB', '12,3 MB', '5.000 TB'].map((text) => text.replace(' ', NBSP)),
    )
  })
})

describe('formatSpeed', () => {
  it('appends /s to the formatted size', () => {
    expect(formatSpeed(0)).toBe('0 B/s')
    expect(formatSpeed(1500)).toBe('1.50 kB/s')
    expect(formatSpeed(12_345_678)).toBe('12.3 MB/s')
  })

  it('shows a dash for invalid speeds', () => {
    expect(formatSpeed(Number.NaN)).toBe('–/s')
    expect(formatSpeed(-5)).toBe('–/s')
  })
})

describe('formatDuration', () => {
  it('shows seconds below a minute, rounded', () => {
    expect(formatDuration(0)).toBe('0 s')
    expect(formatDuration(400)).toBe('0 s')
    expect(formatDuration(1500)).toBe('2 s')
    expect(formatDuration(59 * SECOND)).toBe('59 s')
  })

  it('rounds up into minutes rather than showing 60 s', () => {
    expect(formatDuration(59.6 * SECOND)).toBe('1 min 0 s')
  })

  it('shows minutes and seconds below an hour', () => {
    expect(formatDuration(MINUTE)).toBe('1 min 0 s')
    expect(formatDuration(5 * MINUTE + 7 * SECOND)).toBe('5 min 7 s')
    expect(formatDuration(59 * MINUTE + 59 * SECOND)).toBe('59 min 59 s')
  })

  it('shows hours and minutes below a day, dropping seconds', () => {
    expect(formatDuration(HOUR)).toBe('1 h 0 min')
    expect(formatDuration(3 * HOUR + 5 * MINUTE + 12 * SECOND)).toBe('3 h 5 min')
    expect(formatDuration(23 * HOUR + 59 * MINUTE)).toBe('23 h 59 min')
  })

  it('shows days and hours', () => {
    expect(formatDuration(DAY)).toBe('1 d 0 h')
    expect(formatDuration(2 * DAY + 5 * HOUR + 30 * MINUTE)).toBe('2 d 5 h')
    expect(formatDuration(99 * DAY + 23 * HOUR)).toBe('99 d 23 h')
  })

  it('caps at more than 99 days', () => {
    expect(formatDuration(100 * DAY)).toBe('more than 99 days')
    expect(formatDuration(10_000 * DAY)).toBe('more than 99 days')
  })

  it('is worded in the active language', () => {
    useLocale('fr')
    expect(formatDuration(2 * DAY + 5 * HOUR)).toBe(`2${NBSP}j 5${NBSP}h`)
    expect(formatDuration(100 * DAY)).toBe(`plus de 99${NBSP}jours`)
    useLocale('de')
    expect(formatDuration(5 * MINUTE + 7 * SECOND)).toBe(`5${NBSP}min 7${NBSP}s`)
  })

  it('shows a dash for negative, NaN and infinite durations', () => {
    expect(formatDuration(-1)).toBe('–')
    expect(formatDuration(Number.NaN)).toBe('–')
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('–')
  })
})

describe('percentOf', () => {
  it('gives whole percents, rounded down', () => {
    expect(percentOf(0)).toBe(0)
    expect(percentOf(0.004)).toBe(0)
    expect(percentOf(0.01)).toBe(1)
    expect(percentOf(0.5)).toBe(50)
    expect(percentOf(0.999)).toBe(99)
  })

  it('is not thrown off by floating-point error in exact fractions', () => {
    expect(percentOf(0.29)).toBe(29)
    expect(percentOf(0.57)).toBe(57)
    for (let n = 1; n <= 200; n++) {
      for (let d = 0; d < n; d++) expect(percentOf(d / n)).toBe(Math.floor((d * 100) / n))
    }
  })

  it('never reports 100 before the fraction reaches 1', () => {
    expect(percentOf(0.995)).toBe(99)
    expect(percentOf(0.9999999999)).toBe(99)
    expect(percentOf(1 - Number.EPSILON)).toBe(99)
    expect(percentOf(1)).toBe(100)
  })

  it('clamps out-of-range fractions', () => {
    expect(percentOf(1.5)).toBe(100)
    expect(percentOf(-0.5)).toBe(0)
  })

  it('treats NaN and infinities as 0', () => {
    expect(percentOf(Number.NaN)).toBe(0)
    expect(percentOf(Number.POSITIVE_INFINITY)).toBe(0)
    expect(percentOf(Number.NEGATIVE_INFINITY)).toBe(0)
  })
})
