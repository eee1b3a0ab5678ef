/**
 * Checks a `paid` notice against the chain: the receiver credits a payment only if its own node
 * shows a successful TRX transfer from the peer's proven address (or session key) to the receiver,
 * confirmed (solidified). The amount is whatever the chain says, never what the peer claims.
 */
import { sleep, systemClock, type Clock } from '../shared/poll'
import {
  readConfirmedTransfer,
  type ConfirmedTransfer,
  type TransferJson,
  type TransferReader,
} from '../tron/chain'

export interface PaymentClaim {
  txId: string
  nodeUrl: string
  /** The receiver's own address. */
  recipient: string
  /** Addresses the payment may come from: the peer's proven address and its session key. */
  senders: readonly string[]
}

export type PaymentVerdict = { ok: true; amountSun: number } | { ok: false; reason: string }

/**
 * When a transaction is read: at once (a peer sends `paid` once its payment is confirmed, so the first
 * read usually settles it), then less and less often, for about two minutes: mainnet confirms in about
 * a minute, and a receiver's node may lag. Nine reads at most, however many notices name it.
 */
export const READ_DELAYS_MS = [2_000, 3_000, 5_000, 8_000, 13_000, 20_000, 30_000, 30_000] as const
/** How many settled readings are kept, so a repeated notice is judged without asking the node again. */
const SETTLED_KEPT = 500

type Reading = Exclude<ConfirmedTransfer, { kind: 'pending' }> | { kind: 'not confirmed' }

/** One poller per (node, txID) and reader: every notice and funding proof naming it waits on the same reads. */
const watches = new WeakMap<TransferReader, Map<string, Promise<Reading>>>()

/**
 * Checks a claimed payment: reads its transaction (shared with every other claim of the same txID)
 * until it is confirmed, fails, or about two minutes pass, then judges it against this claim. A read
 * that fails (rate limit, `{"Error"}`, HTTP error) concludes nothing: the next one is tried; only if
 * every read failed does this reject, with the last error.
 */
export async function checkPayment(
  claim: PaymentClaim,
  clock: Clock = systemClock,
  read: TransferReader = readConfirmedTransfer,
): Promise<PaymentVerdict> {
  const reading = await watch(claim.nodeUrl, claim.txId, clock, read)
  if (reading.kind === 'not confirmed') return { ok: false, reason: 'not confirmed' }
  if (reading.kind === 'failed') return { ok: false, reason: 'failed on chain' }
  return judgeTransfer(reading.transaction, claim, reading.toBase58)
}

function watch(nodeUrl: string, txId: string, clock: Clock, read: TransferReader): Promise<Reading> {
  let shared = watches.get(read)
  if (!shared) {
    shared = new Map<string, Promise<Reading>>()
    watches.set(read, shared)
  }
  const key = `${nodeUrl} ${txId}`
  const existing = shared.get(key)
  if (existing) return existing
  const reading = follow(nodeUrl, txId, clock, read)
  shared.set(key, reading)
  const settled = shared
  reading.then(
    (result) => {
      // "Not confirmed" may change (a lagging node); a settled transaction never does.
      if (result.kind === 'not confirmed') settled.delete(key)
      else if (settled.size > SETTLED_KEPT) settled.delete(settled.keys().next().value ?? key)
    },
    () => settled.delete(key),
  )
  return reading
}

async function follow(nodeUrl: string, txId: string, clock: Clock, read: TransferReader): Promise<Reading> {
  let lastError: unknown = null
  let answered = false
  for (let attempt = 0; ; attempt++) {
    try {
      const reading = await read(nodeUrl, txId)
      answered = true
      if (reading.kind !== 'pending') return reading
    } catch (error) {
      lastError = error
    }
    const delay = READ_DELAYS_MS[attempt]
    if (delay === undefined) break
    await sleep(clock, delay)
  }
  if (!answered) throw lastError
  return { kind: 'not confirmed' }
}

/** Pure: does this on-chain transaction pay `claim.recipient` from one of `claim.senders`? */
export function judgeTransfer(
  transaction: TransferJson,
  claim: Pick<PaymentClaim, 'recipient' | 'senders'>,
  toBase58: (hex: string) => string,
): PaymentVerdict {
  if (transaction.ret?.[0]?.contractRet !== 'SUCCESS') return { ok: false, reason: 'not successful' }
  const contracts = transaction.raw_data?.contract ?? []
  const contract = contracts[0]
  if (contracts.length !== 1 || contract?.type !== 'TransferContract')
    return { ok: false, reason: 'not a TRX transfer' }
  const value = contract.parameter?.value
  if (!value?.owner_address || !value.to_address || !Number.isSafeInteger(value.amount)) {
    return { ok: false, reason: 'malformed transfer' }
  }
  if (toBase58(value.to_address) !== claim.recipient) return { ok: false, reason: 'not to me' }
  if (!claim.senders.includes(toBase58(value.owner_address)))
    return { ok: false, reason: 'not from this peer' }
  return { ok: true, amountSun: value.amount ?? 0 }
}
