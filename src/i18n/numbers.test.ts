import { afterEach, describe, expect, it } from 'vitest'
import {
  decimalSeparator,
  formatDateTime,
  formatFixed,
  formatNumber,
  formatPercent,
  formatTime,
  minusSign,
} from './numbers'
import { useLocale } from '../testing/test-locale'

afterEach(() => useLocale('en'))

/** French groups digits with a narrow no-break space; both languages keep "%" on the number's line. */
const NNBSP = '\u202f'
/** Which no-break space comes before "%" differs between ICU versions (Node's and Chromium's). */
const PERCENT_42 = /^42[\u00a0\u202f]%$/

describe('numbers in each language', () => {
  it.each([
    ['en', '1,234,567.25', '1.50', /^42%$/, '.'],
    ['fr', `1${NNBSP}234${NNBSP}567,25`, '1,50', PERCENT_42, ','],
    ['de', '1.234.567,25', '1,50', PERCENT_42, ','],
  ] as const)('%s', (locale, grouped, fixed, percent, separator) => {
    useLocale(locale)
    expect(formatNumber(1_234_567.25)).toBe(grouped)
    expect(formatFixed(1.5, 2)).toBe(fixed)
    expect(formatPercent(42)).toMatch(percent)
    expect(decimalSeparator()).toBe(separator)
    expect(minusSign()).toBe('-')
  })

  it('rounds fixed decimals half up, as toFixed did', () => {
    expect(formatFixed(1.235, 2)).toBe((1.235).toFixed(2))
    expect(formatFixed(12.25, 1)).toBe((12.25).toFixed(1))
    expect(formatFixed(999.4, 0)).toBe('999')
  })

  it('gives percentages the decimals asked for', () => {
    expect(formatPercent(12.345, 1)).toBe('12.3%')
    useLocale('de')
    expect(formatPercent(12.345, 1)).toMatch(/^12,3[\u00a0\u202f]%$/)
  })
})

describe('dates and times', () => {
  // Noon UTC: the same calendar day in every time zone the test machine may be in.
  const noon = Date.UTC(2026, 10, 21, 12, 0, 0)

  it('writes the date in each language’s order, with the time to the second', () => {
    expect(formatDateTime(noon)).toMatch(/^11\/21\/2026, \d{1,2}:\d{2}:\d{2}\s[AP]M$/)
    useLocale('fr')
    expect(formatDateTime(noon)).toMatch(/^21\/11\/2026 \d{2}:\d{2}:\d{2}$/)
    useLocale('de')
    expect(formatDateTime(noon)).toMatch(/^21\.11\.2026, \d{2}:\d{2}:\d{2}$/)
  })

  it('writes times of day as the language does (12 h in English, 24 h in French and German)', () => {
    expect(formatTime(noon)).toMatch(/^\d{1,2}:\d{2}:\d{2}\s[AP]M$/)
    useLocale('fr')
    expect(formatTime(noon)).toMatch(/^\d{2}:\d{2}:\d{2}$/)
  })
})
