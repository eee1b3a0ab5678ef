/**
 * Payment receipts: the write-ahead record of every tip. A receipt exists before the wallet is asked
 * to sign (`intent`), holds the signed transaction before it is broadcast (`signed`), and ends
 * `confirmed` (on chain) or `failed` (never on chain). Only the transitions below are allowed, so a
 * bug cannot move a paid receipt back to a state that would pay it again.
 */
import { stored, type StoredMessage } from '../i18n/stored-message'
import type { NetworkId } from './networks'

export const RECEIPT_STATUSES = ['intent', 'signed', 'broadcast', 'confirmed', 'failed'] as const
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number]

/** The signed transaction as TronWeb and java-tron exchange it (JSON). */
export interface SignedTransaction {
  txID: string
  raw_data: { expiration: number; timestamp: number; [key: string]: unknown }
  raw_data_hex: string
  signature: string[]
  [key: string]: unknown
}

export interface Receipt {
  /** The intent's id: one intent, one payment at most. */
  id: string
  createdAt: number
  updatedAt: number
  status: ReceiptStatus
  networkId: NetworkId
  chainId: string
  /** The node the wallet used; reconciliation after a reload asks it, no wallet needed. */
  nodeUrl: string
  from: string
  to: string
  amountSun: number
  torrent: { infoHash: string; name: string } | null
  /** Who the tip is for, as shown to the user (a peer id), when it is for a peer. */
  peer: string | null
  /**
   * Absent for a tip. 'funding' moves the budget into a tipping session's wallet, 'sweep' returns
   * what is left of it: the user's own money moving, never counted as tips.
   */
  purpose?: 'funding' | 'sweep'
  txId: string | null
  signedTransaction: SignedTransaction | null
  /** raw_data.expiration (ms): after it, a transaction that is not on chain never will be. */
  expiration: number | null
  feeSun: number | null
  blockNumber: number | null
  /** What went wrong, or what the pipeline is waiting for. */
  error: StoredMessage | null
}

const NEXT: Record<ReceiptStatus, readonly ReceiptStatus[]> = {
  intent: ['signed', 'failed'],
  signed: ['broadcast', 'confirmed', 'failed'],
  broadcast: ['broadcast', 'confirmed', 'failed'],
  confirmed: [],
  failed: [],
}

export function canMove(from: ReceiptStatus, to: ReceiptStatus): boolean {
  return NEXT[from].includes(to)
}

export function isUnfinished(receipt: Receipt): boolean {
  return receipt.status !== 'confirmed' && receipt.status !== 'failed'
}

/** Returns the receipt moved to `status` with `changes`, or throws if the move is not allowed. */
export function advance(
  receipt: Receipt,
  status: ReceiptStatus,
  changes: Partial<Omit<Receipt, 'id' | 'status' | 'createdAt'>> = {},
  now = Date.now(),
): Receipt {
  if (!canMove(receipt.status, status)) {
    throw new Error(`Receipt ${receipt.id} cannot go from ${receipt.status} to ${status}`)
  }
  return { ...receipt, ...changes, status, updatedAt: now }
}

/** What a tip is before anything happened to it: who pays whom, how much, where, and what for. */
export type NewIntent = Pick<Receipt, 'networkId' | 'chainId' | 'nodeUrl' | 'from' | 'to' | 'amountSun'> &
  Partial<Pick<Receipt, 'torrent' | 'peer' | 'purpose'>>

export function createIntent(intent: NewIntent, id = crypto.randomUUID(), now = Date.now()): Receipt {
  if (!Number.isSafeInteger(intent.amountSun) || intent.amountSun <= 0) {
    throw new RangeError(`A tip must be a positive integer amount of sun, not ${intent.amountSun}`)
  }
  return {
    id,
    createdAt: now,
    updatedAt: now,
    status: 'intent',
    networkId: intent.networkId,
    chainId: intent.chainId,
    nodeUrl: intent.nodeUrl,
    from: intent.from,
    to: intent.to,
    amountSun: intent.amountSun,
    // Copied field by field: the caller's object may be a reactive proxy, which IndexedDB cannot store.
    torrent: intent.torrent ? { infoHash: intent.torrent.infoHash, name: intent.torrent.name } : null,
    peer: intent.peer ?? null,
    ...(intent.purpose ? { purpose: intent.purpose } : {}),
    txId: null,
    signedTransaction: null,
    expiration: null,
    feeSun: null,
    blockNumber: null,
    error: null,
  }
}

/** What the chain says about a receipt's transaction. */
export type ChainView =
  | { kind: 'confirmed'; feeSun: number; blockNumber: number; succeeded: boolean }
  | { kind: 'in-block' }
  /**
   * Not in a solidified block, nor in the node's recent ones or its pool, as of the solidified head's
   * time, read before the transaction was looked up.
   */
  | { kind: 'unknown'; solidBlockTime: number }

export type ReconcileAction =
  | { kind: 'none' }
  | { kind: 'confirm'; feeSun: number; blockNumber: number }
  | { kind: 'fail'; reason: StoredMessage }
  /**
   * Past expiry on solidified blocks: fail, but only if a second look still does not find it (the
   * first answer may come from a lagging backend behind a load balancer).
   */
  | { kind: 'expired' }
  | { kind: 'rebroadcast' }

/**
 * A transaction absent from the chain is only given up once the SOLIDIFIED head (irreversible, so
 * no fork can bring back a block holding it) is this far past its expiration: about 20 mainnet
 * blocks, so that a transaction included close to its expiry is solid before it is judged.
 */
export const EXPIRATION_MARGIN_MS = 60_000

/** Decides what to do with an unfinished receipt that no running pipeline owns. */
export function reconcileAction(receipt: Receipt, view: ChainView | null): ReconcileAction {
  if (!isUnfinished(receipt)) return { kind: 'none' }
  if (receipt.status === 'intent' || !receipt.signedTransaction || receipt.expiration === null) {
    // Nothing signed was ever stored, so nothing can have been broadcast by this app.
    return { kind: 'fail', reason: stored('receipt.interrupted') }
  }
  if (!view) return { kind: 'none' }
  switch (view.kind) {
    case 'confirmed':
      return view.succeeded
        ? { kind: 'confirm', feeSun: view.feeSun, blockNumber: view.blockNumber }
        : { kind: 'fail', reason: stored('receipt.failedOnChain') }
    case 'in-block':
      return { kind: 'none' }
    case 'unknown':
      if (view.solidBlockTime > receipt.expiration + EXPIRATION_MARGIN_MS) return { kind: 'expired' }
      // An expired transaction is refused by any node, and sending it again tells nothing.
      return view.solidBlockTime > receipt.expiration ? { kind: 'none' } : { kind: 'rebroadcast' }
  }
}

const STATUSES = new Set<string>(RECEIPT_STATUSES)

/** A stored record that can be read as a receipt (records of older releases lack newer optional fields). */
export function isReceipt(value: unknown): value is Receipt {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    typeof record.id === 'string' &&
    typeof record.status === 'string' &&
    STATUSES.has(record.status) &&
    typeof record.to === 'string' &&
    typeof record.from === 'string' &&
    Number.isSafeInteger(record.amountSun) &&
    typeof record.createdAt === 'number'
  )
}
