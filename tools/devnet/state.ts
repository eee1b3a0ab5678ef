/**
 * Account state. Records are immutable and replaced on change, so a block's snapshot is a shallow copy
 * of the map, which is how the solidified view (walletsolidity/*) stays a few blocks behind the head.
 */
import { NET_WINDOW_MS } from './params.ts'

export interface AccountRecord {
  /** 21 bytes, 0x41 first. */
  readonly address: Uint8Array
  /** Sun; integers throughout. */
  readonly balance: number
  readonly createTime: number
  /** 0 until the account sends a transaction. */
  readonly latestOperationTime: number
  /** Free bandwidth bytes used, as of latestConsumeFreeTime. */
  readonly freeNetUsage: number
  readonly latestConsumeFreeTime: number
}

export type Accounts = ReadonlyMap<string, AccountRecord>

export function newAccount(address: Uint8Array, balance: number, createTime: number): AccountRecord {
  return { address, balance, createTime, latestOperationTime: 0, freeNetUsage: 0, latestConsumeFreeTime: 0 }
}

/**
 * Free bandwidth used, as of `now`: java-tron lets usage decay linearly to zero over a 24 h window
 * (its ResourceProcessor.increase). Rounded up, so the devnet never grants more than mainnet would.
 */
export function freeNetUsedAt(account: AccountRecord, now: number): number {
  const elapsed = now - account.latestConsumeFreeTime
  if (account.freeNetUsage === 0 || elapsed <= 0) return account.freeNetUsage
  if (elapsed >= NET_WINDOW_MS) return 0
  return Math.ceil((account.freeNetUsage * (NET_WINDOW_MS - elapsed)) / NET_WINDOW_MS)
}
