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
  /** Staked bandwidth points (java-tron's NetLimit, bought by freezing TRX); 0 for most accounts. */
  readonly netLimit: number
  /** Staked bandwidth bytes used, as of latestConsumeTime (java-tron's net_usage). */
  readonly netUsage: number
  readonly latestConsumeTime: number
}

export type Accounts = ReadonlyMap<string, AccountRecord>

export function newAccount(address: Uint8Array, balance: number, createTime: number): AccountRecord {
  return {
    address,
    balance,
    createTime,
    latestOperationTime: 0,
    freeNetUsage: 0,
    latestConsumeFreeTime: 0,
    netLimit: 0,
    netUsage: 0,
    latestConsumeTime: 0,
  }
}

/**
 * Free bandwidth used, as of `now`: java-tron lets usage decay linearly to zero over a 24 h window
 * (its ResourceProcessor.increase). Rounded up, so the devnet never grants more than mainnet would.
 */
export function freeNetUsedAt(account: AccountRecord, now: number): number {
  return recovered(account.freeNetUsage, account.latestConsumeFreeTime, now)
}

/** Staked bandwidth used, as of `now`: the same linear recovery (BandwidthProcessor.useAccountNet). */
export function netUsedAt(account: AccountRecord, now: number): number {
  return recovered(account.netUsage, account.latestConsumeTime, now)
}

function recovered(usage: number, since: number, now: number): number {
  const elapsed = now - since
  if (usage === 0 || elapsed <= 0) return usage
  if (elapsed >= NET_WINDOW_MS) return 0
  return Math.ceil((usage * (NET_WINDOW_MS - elapsed)) / NET_WINDOW_MS)
}
