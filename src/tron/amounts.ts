/**
 * TRX amounts. Everything that is stored, compared or sent is an integer number of sun
 * (1 TRX = 1 000 000 sun); decimal TRX exists only in what the user types and reads.
 */
import { decimalSeparator, formatFixed, minusSign } from '../i18n/numbers'
import { t } from '../i18n/translate'
import { UserFacingError } from '../shared/errors'

export const SUN_PER_TRX = 1_000_000

/**
 * A billion TRX: far above any real tip, and far enough below Number.MAX_SAFE_INTEGER (about 9.007
 * billion TRX in sun) that every accepted amount, and the sum of a few, is an exact integer.
 */
export const MAX_AMOUNT_SUN = 1_000_000_000 * SUN_PER_TRX

/**
 * "1.5" -> 1 500 000. The decimal separator may be '.' or the language's own (',' in French and
 * German); spaces are ignored, so "1 000" is a thousand. No other grouping is read: in English
 * "1,000" is refused rather than guessed. At most six decimals; anything else, zero and negative
 * amounts included, is refused with a reason.
 */
export function parseTrxToSun(text: string, decimalMark: string = decimalSeparator()): number {
  const withoutSpaces = text.replace(/\s/g, '')
  const normalised = decimalMark === '.' ? withoutSpaces : withoutSpaces.replace(decimalMark, '.')
  const match = /^(\d+)(?:\.(\d*))?$/.exec(normalised)
  if (!match) throw new UserFacingError(t('amount.invalid', { example: formatTrxNumber(1_500_000) }))
  // Leading zeros say nothing about size: "0001" is 1 TRX, not a 4-digit amount.
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '')
  const fraction = match[2] ?? ''
  if (fraction.length > 6) throw new UserFacingError(t('amount.tooManyDecimals', { sun: formatTrxNumber(1) }))
  if (whole.length > 12) throw new UserFacingError(t('amount.tooLarge'))
  const sun = Number(whole) * SUN_PER_TRX + Number(fraction.padEnd(6, '0'))
  if (sun <= 0) throw new UserFacingError(t('amount.notPositive'))
  if (sun > MAX_AMOUNT_SUN) throw new UserFacingError(t('amount.tooLarge'))
  return sun
}

/** 1 500 000 -> "1.5"; exact (no floating point), trailing zeros dropped. */
export function sunToTrxString(sun: number): string {
  if (!Number.isSafeInteger(sun)) throw new RangeError(`Not an integer amount of sun: ${sun}`)
  const sign = sun < 0 ? '-' : ''
  const magnitude = Math.abs(sun)
  const whole = Math.floor(magnitude / SUN_PER_TRX)
  const fraction = String(magnitude % SUN_PER_TRX)
    .padStart(6, '0')
    .replace(/0+$/, '')
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`
}

/**
 * 1 500 000 -> "1.5" (en), "1,5" (fr, de); 12 345 000 000 -> "12,345" (en), "12 345" (fr),
 * "12.345" (de). Exact like sunToTrxString: only the whole part goes through Intl (a safe integer),
 * the decimals are the sun digits themselves, so no amount is ever rounded for display.
 */
export function formatTrxNumber(sun: number): string {
  const [digits = '0', fraction] = sunToTrxString(Math.abs(sun)).split('.')
  const sign = sun < 0 ? minusSign() : ''
  return `${sign}${formatFixed(Number(digits), 0)}${fraction ? `${decimalSeparator()}${fraction}` : ''}`
}

/** "1.5 TRX" (en), "1,5 TRX" (fr, de) */
export function formatTrx(sun: number): string {
  return t('format.trx', { amount: formatTrxNumber(sun) })
}

/** Adds amounts of sun, refusing any that are not integers: a float here would be a bug in money. */
export function sumSun(amounts: Iterable<number>): number {
  let total = 0
  for (const amount of amounts) {
    if (!Number.isSafeInteger(amount)) throw new RangeError(`Not an integer amount of sun: ${amount}`)
    total += amount
    // Checked at every step: a partial sum that left the safe range has lost precision for good, even
    // if a negative amount later brings the total back into range.
    if (!Number.isSafeInteger(total)) throw new RangeError('Total out of range')
  }
  return total
}
