import { afterEach, describe, expect, it } from 'vitest'
import { useLocale } from '../testing/test-locale'
import { MAX_AMOUNT_SUN, formatTrx, formatTrxNumber, parseTrxToSun, sumSun, sunToTrxString } from './amounts'

afterEach(() => useLocale('en'))

const NBSP = '\u00a0'
const NNBSP = '\u202f'

describe('parseTrxToSun', () => {
  it.each([
    ['1.5', 1_500_000],
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

  // Found by the fuzzer: the limit was 10^17 sun, above Number.MAX_SAFE_INTEGER, so large amounts
  // came back as inexact floats ("99999999999.999999" gave 100000000000000000).
  it('accepts nothing that is not an exact integer number of sun', () => {
    expect(Number.isSafeInteger(MAX_AMOUNT_SUN * 8)).toBe(true)
    expect(parseTrxToSun(sunToTrxString(MAX_AMOUNT_SUN))).toBe(MAX_AMOUNT_SUN)
    for (const text of ['99999999999.999999', '1000000000.000001', '9007199254.740993']) {
      expect(() => parseTrxToSun(text)).toThrow('too large')
    }
  })

  it('does not count leading zeros as size', () => {
    expect(parseTrxToSun('0000000000001.5')).toBe(1_500_000)
  })

  it('refuses a comma in English rather than guess whether "1,000" is one or a thousand', () => {
    expect(() => parseTrxToSun('1,5')).toThrow('Enter an amount in TRX, for example 1.5')
    expect(() => parseTrxToSun('1,000')).toThrow()
  })
})

describe('parseTrxToSun in French and German', () => {
  it.each(['fr', 'de'] as const)('%s accepts the decimal comma as well as the point', (locale) => {
    useLocale(locale)
    expect(parseTrxToSun('1,5')).toBe(1_500_000)
    expect(parseTrxToSun('1.5')).toBe(1_500_000)
    expect(parseTrxToSun('0,000001')).toBe(1)
    expect(parseTrxToSun('10,')).toBe(10_000_000)
  })

  it('ignores the spaces French groups digits with, no-break ones included', () => {
    useLocale('fr')
    expect(parseTrxToSun(`12${NNBSP}345,5`)).toBe(12_345_500_000)
    expect(parseTrxToSun(`1${NBSP}000`)).toBe(1_000_000_000)
  })

  it('refuses two separators and explains in the language', () => {
    useLocale('fr')
    expect(() => parseTrxToSun('1,5,0')).toThrow('Saisissez un montant en TRX, par exemple 1,5')
    expect(() => parseTrxToSun('1.000,5')).toThrow()
    useLocale('de')
    expect(() => parseTrxToSun('0,0000001')).toThrow(
      `TRX hat höchstens sechs Nachkommastellen (1 Sun = 0,000001${NBSP}TRX)`,
    )
  })

  it('can be given the separator explicitly', () => {
    expect(parseTrxToSun('2,25', ',')).toBe(2_250_000)
    expect(parseTrxToSun('2.25', ',')).toBe(2_250_000)
  })

  it('reads back every amount formatTrxNumber writes below a thousand TRX', () => {
    for (const locale of ['en', 'fr', 'de'] as const) {
      useLocale(locale)
      for (let sun = 1; sun < 999_000_000; sun += 7_919_777)
        expect(parseTrxToSun(formatTrxNumber(sun))).toBe(sun)
    }
  })
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

  // Found by the fuzzer: only the final total was checked, so a partial sum that had left the safe
  // range (and lost precision) was returned wrong once a negative amount brought it back.
  it('refuses a sum whose partial total leaves the safe range', () => {
    expect(() => sumSun([Number.MAX_SAFE_INTEGER, 2, -Number.MAX_SAFE_INTEGER])).toThrow(RangeError)
  })

  it('formats with the unit', () => {
    expect(formatTrx(1_500_000)).toBe('1.5 TRX')
    expect(formatTrx(268_000)).toBe('0.268 TRX')
  })
})

describe('TRX amounts in each language', () => {
  it.each([
    ['en', '12,345.000001 TRX', '0.5 TRX', '-1.1 TRX', '10,000 TRX'],
    ['fr', `12${NNBSP}345,000001${NBSP}TRX`, `0,5${NBSP}TRX`, `-1,1${NBSP}TRX`, `10${NNBSP}000${NBSP}TRX`],
    ['de', `12.345,000001${NBSP}TRX`, `0,5${NBSP}TRX`, `-1,1${NBSP}TRX`, `10.000${NBSP}TRX`],
  ] as const)('%s', (locale, large, half, negative, round) => {
    useLocale(locale)
    expect(formatTrx(12_345_000_001)).toBe(large)
    expect(formatTrx(500_000)).toBe(half)
    expect(formatTrx(-1_100_000)).toBe(negative)
    expect(formatTrx(10_000_000_000)).toBe(round)
  })

  it('shows every sun, even where a float would round', () => {
    expect(formatTrxNumber(Number.MAX_SAFE_INTEGER)).toBe('9,007,199,254.740991')
    useLocale('de')
    expect(formatTrxNumber(Number.MAX_SAFE_INTEGER)).toBe('9.007.199.254,740991')
  })
})
