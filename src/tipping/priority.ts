/**
 * Who is served first when upload is limited (docs/PROTOCOL.md, "Upload priority"): a peer whose
 * payments to this client cover the bytes it was sent, at this client's minimum rate. Priority is
 * earned by paying for service, so a token payment (1 sun) buys almost nothing and stops counting
 * once the bytes it covers have been sent. Integer sun; bigint because bytes × sun per GB can pass
 * 2^53 (10 GB at 1 000 TRX per GB is 10^19).
 */
import { BYTES_PER_GB } from './policy'

/** The default minimum rate: 1 TRX per GB (1 TRX = 1 000 000 sun). */
export const DEFAULT_PRIORITY_RATE_SUN_PER_GB = 1_000_000
/** Rates above this are refused as a typo: 1 000 000 TRX per GB. */
export const MAX_PRIORITY_RATE_SUN_PER_GB = 1_000_000_000_000

export interface PayerAccount {
  /** Confirmed payments from the peer's address to this client, in sun. */
  paidSun: number
  /** Bytes this client has sent to connections that proved that address. */
  servedBytes: number
}

/**
 * True while `paidSun` pays for `servedBytes` at `rateSunPerGB`: paidSun × 10^9 ≥ servedBytes × rate.
 * Nothing paid is never enough, whatever the rate, so a rate of 0 cannot make every peer a payer.
 */
export function earnsPriority(account: PayerAccount, rateSunPerGB: number): boolean {
  const paid = BigInt(Math.max(0, Math.floor(account.paidSun)))
  if (paid === 0n) return false
  const served = BigInt(Math.max(0, Math.floor(account.servedBytes)))
  const rate = BigInt(Math.max(0, Math.floor(rateSunPerGB)))
  return paid * BigInt(BYTES_PER_GB) >= served * rate
}

/** Bytes a payment of `paidSun` pays for at `rateSunPerGB`, rounded down; what a user can be told. */
export function bytesCovered(paidSun: number, rateSunPerGB: number): number {
  const rate = BigInt(Math.max(0, Math.floor(rateSunPerGB)))
  if (rate === 0n) return Number.POSITIVE_INFINITY
  return Number((BigInt(Math.max(0, Math.floor(paidSun))) * BigInt(BYTES_PER_GB)) / rate)
}

/** A usable minimum rate in sun per GB, or null: a whole number of sun, at most the maximum. */
export function parsePriorityRate(value: unknown): number | null {
  return typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value > 0 &&
    value <= MAX_PRIORITY_RATE_SUN_PER_GB
    ? value
    : null
}
