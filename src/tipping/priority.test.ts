// Pure arithmetic: nothing is faked or injected.
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PRIORITY_RATE_SUN_PER_GB,
  MAX_PRIORITY_RATE_SUN_PER_GB,
  bytesCovered,
  earnsPriority,
  parsePriorityRate,
} from './priority'

const TRX = 1_000_000
const GB = 1_000_000_000
const MB = 1_000_000

describe('earnsPriority', () => {
  it.each([
    // paidSun, servedBytes, rate, expected, why
    [1, 0, DEFAULT_PRIORITY_RATE_SUN_PER_GB, true, 'a payment before any service covers it'],
    [1, 1_000, DEFAULT_PRIORITY_RATE_SUN_PER_GB, true, '1 sun pays for exactly 1 000 bytes at 1 TRX per GB'],
    [1, 1_001, DEFAULT_PRIORITY_RATE_SUN_PER_GB, false, '1 sun does not pay for a 16 KiB block'],
    [1, 16_384, DEFAULT_PRIORITY_RATE_SUN_PER_GB, false, 'the 1-sun payer of the audit (M4)'],
    [0, 0, DEFAULT_PRIORITY_RATE_SUN_PER_GB, false, 'nothing paid is never a payer'],
    [0, 0, 0, false, 'not even at a rate of 0'],
    [1, 10 * GB, 0, true, 'a rate of 0 makes any payment enough'],
    [TRX, GB, TRX, true, '1 TRX covers 1 GB at 1 TRX per GB'],
    [TRX, GB + 1, TRX, false, 'but not one byte more'],
    [2_680_000, 900 * MB, 3_000 * TRX, false, 'a batch paid at 3 000 TRX per GB, judged at that rate'],
    [2_680_000, 900 * MB, TRX, true, 'the same batch at the default covers 2.68 GB'],
    [5 * TRX, GB, 5 * TRX, true, 'a tipper at 5 TRX per GB paying its due exactly'],
    [5 * TRX - 1, GB, 5 * TRX, false, 'one sun short'],
  ])('paid %i sun, served %i bytes, rate %i: %s (%s)', (paidSun, servedBytes, rate, expected) => {
    expect(earnsPriority({ paidSun, servedBytes }, rate)).toBe(expected)
  })

  it('stays exact where the products pass 2^53', () => {
    // 10^13 bytes × 10^12 sun per GB = 10^25, far past Number's exact integers.
    const served = 10_000 * GB
    const rate = MAX_PRIORITY_RATE_SUN_PER_GB
    const due = (BigInt(served) * BigInt(rate)) / BigInt(GB) // exact, 10^16 sun
    expect(earnsPriority({ paidSun: Number(due), servedBytes: served }, rate)).toBe(true)
    expect(earnsPriority({ paidSun: Number(due), servedBytes: served + 1 }, rate)).toBe(false)
    // 2^53 + 1 bytes at 1 sun per GB: doubles cannot tell it from 2^53.
    const odd = 2 ** 53 + 2
    expect(earnsPriority({ paidSun: 9_007_200, servedBytes: odd }, 1)).toBe(true)
    expect(earnsPriority({ paidSun: 9_007_199, servedBytes: odd }, 1)).toBe(false)
  })

  it('is monotone: paying more never loses priority, being served more never gains it', () => {
    const rates = [1, 500_000, TRX, 20 * TRX, MAX_PRIORITY_RATE_SUN_PER_GB]
    const amounts = [0, 1, 999, 1_000, 1_001, 268_000, TRX, 7_777_777, 2 ** 40]
    for (const rate of rates)
      for (const paid of amounts)
        for (const served of amounts) {
          const now = earnsPriority({ paidSun: paid, servedBytes: served }, rate)
          if (now) expect(earnsPriority({ paidSun: paid + 1, servedBytes: served }, rate)).toBe(true)
          if (!now) expect(earnsPriority({ paidSun: paid, servedBytes: served + 1 }, rate)).toBe(false)
        }
  })

  it('treats negative or fractional inputs as their safe side (a peer gains nothing from them)', () => {
    expect(earnsPriority({ paidSun: -5, servedBytes: -5 }, TRX)).toBe(false)
    expect(earnsPriority({ paidSun: 0.9, servedBytes: 0 }, TRX)).toBe(false)
  })
})

describe('bytesCovered', () => {
  it('says how much service a payment buys', () => {
    expect(bytesCovered(1, DEFAULT_PRIORITY_RATE_SUN_PER_GB)).toBe(1_000)
    expect(bytesCovered(TRX, DEFAULT_PRIORITY_RATE_SUN_PER_GB)).toBe(GB)
    expect(bytesCovered(TRX, 3)).toBe(333_333_333_333_333)
    expect(bytesCovered(TRX, 0)).toBe(Number.POSITIVE_INFINITY)
  })
})

describe('parsePriorityRate', () => {
  it.each([
    [DEFAULT_PRIORITY_RATE_SUN_PER_GB, DEFAULT_PRIORITY_RATE_SUN_PER_GB],
    [1, 1],
    [MAX_PRIORITY_RATE_SUN_PER_GB, MAX_PRIORITY_RATE_SUN_PER_GB],
    [MAX_PRIORITY_RATE_SUN_PER_GB + 1, null],
    [0, null],
    [-1, null],
    [1.5, null],
    [Number.NaN, null],
    ['1000000', null],
    [null, null],
    [undefined, null],
  ])('%s → %s', (value, expected) => {
    expect(parsePriorityRate(value)).toBe(expected)
  })
})
