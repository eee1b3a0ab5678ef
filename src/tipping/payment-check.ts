/**
 * Checks a `paid` notice against the chain: the receiver credits a payment only if its own node
 * shows a successful TRX transfer from the peer's proven address (or session key) to the receiver,
 * confirmed (solidified). The amount is whatever the chain says, never what the peer claims.
 */
import { pollUntil, systemClock, type Clock } from '../shared/poll'
import { readConfirmedTransfer, type TransferJson, type TransferReader } from '../tron/chain'

export interface PaymentClaim {
  txId: string
  nodeUrl: string
  /** The receiver's own address. */
  recipient: string
  /** Addresses the payment may come from: the peer's proven address and its session key. */
  senders: readonly string[]
}

export type PaymentVerdict = { ok: true; amountSun: number } | { ok: false; reason: string }

const CONFIRMATION_POLLS = 30
const POLL_MS = 1_000

/** Asks the node once a second, up to 30 times, until the transaction is confirmed, then judges it. */
export async function checkPayment(
  claim: PaymentClaim,
  clock: Clock = systemClock,
  read: TransferReader = readConfirmedTransfer,
): Promise<PaymentVerdict> {
  let polls = 0
  return pollUntil<PaymentVerdict>(clock, POLL_MS, async () => {
    if (polls++ >= CONFIRMATION_POLLS) return { ok: false, reason: 'not confirmed' }
    const reading = await read(claim.nodeUrl, claim.txId)
    if (reading.kind === 'pending') return undefined
    if (reading.kind === 'failed') return { ok: false, reason: 'failed on chain' }
    return judgeTransfer(reading.transaction, claim, reading.toBase58)
  })
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
