import { describe, expect, it } from 'vitest'
import { formatTrx, parseTrxToSun, sumSun, sunToTrxString } from './amounts'

describe('parseTrxToSun', () => {
  it.each([
    ['1.5', 1_500_000],
    ['1,5', 1_500_000],
    [' 2 ', 2_000_000],
    ['0.000001', 1],
    ['10.', 10_000_000],
    ['1 000', 1_000_000_000],
    ['123456.654321', 123_456_654_321],
  ])('%s TRX is %i sun', (text, sun) => {
    expect(parseTrxToSun(text)).toBe(sun)
  })

  it.each(['', 'abc', '-1', '0', '0.0000001', '1e3', '1.2.3', '0x10', 'Infinity', '.5.', '9999999999999'])(
    'refuses %j',
    (text) => {
      expect(() => parseTrxToSun(text)).toThrow()
    },
  )
})

describe('sunToTrxString', () => {
  it.each([
    [0, '0'],
    [1, '0.000001'],
    [1_500_000, '1.5'],
    [268_000, '0.268'],
    [-1_100_000, '-1.1'],
    [10_000_000_000, '10000'],
  ])('%i sun is %s TRX', (sun, text) => {
    expect(sunToTrxString(sun)).toBe(text)
  })

  it('round-trips every amount parseTrxToSun accepts', () => {
    for (let sun = 1; sun < 3_000_000; sun += 7_919) expect(parseTrxToSun(sunToTrxString(sun))).toBe(sun)
  })

  it('refuses fractions of a sun', () => {
    expect(() => sunToTrxString(0.5)).toThrow(RangeError)
  })
})

describe('sums and formatting', () => {
  it('adds integers exactly and refuses floats', () => {
    expect(sumSun([1_500_000, 268_000, 1])).toBe(1_768_001)
    expect(() => sumSun([1, 0.1])).toThrow(RangeError)
  })

  it('formats with the unit', () => {
    expect(formatTrx(1_500_000)).toBe('1.5 TRX')
  })
})
