/**
 * TRX amounts. Everything that is stored, compared or sent is an integer number of sun
 * (1 TRX = 1 000 000 sun); decimal TRX exists only in what the user types and reads.
 */
import { UserFacingError } from '../torrent/errors'

export const SUN_PER_TRX = 1_000_000

/**
 * A billion TRX: far above any real tip, and far enough below Number.MAX_SAFE_INTEGER (about 9.007
 * billion TRX in sun) that every accepted amount, and the sum of a few, is an exact integer.
 */
export const MAX_AMOUNT_SUN = 1_000_000_000 * SUN_PER_TRX

/**
 * "1.5" -> 1 500 000. Accepts a comma as the decimal separator (French and German keyboards) and at
 * most six decimals; anything else, zero and negative amounts included, is refused with a reason.
 */
export function parseTrxToSun(text: string): number {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.')
  const match = /^(\d+)(?:\.(\d*))?$/.exec(normalised)
  if (!match) throw new UserFacingError('Enter an amount in TRX, for example 1.5')
  // Leading zeros say nothing about size: "0001" is 1 TRX, not a 4-digit amount.
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '')
  const fraction = match[2] ?? ''
  if (fraction.length > 6) throw new UserFacingError('TRX has at most six decimals (1 sun = 0.000001 TRX)')
  if (whole.length > 12) throw new UserFacingError('That amount is too large')
  const sun = Number(whole) * SUN_PER_TRX + Number(fraction.padEnd(6, '0'))
  if (sun <= 0) throw new UserFacingError('The amount must be more than zero')
  if (sun > MAX_AMOUNT_SUN) throw new UserFacingError('That amount is too large')
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

/** "1.5 TRX" */
export function formatTrx(sun: number): string {
  return `${sunToTrxString(sun)} TRX`
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
