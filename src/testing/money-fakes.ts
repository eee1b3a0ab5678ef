/**
 * In-memory fakes of the money core's ports (src/core/ports.ts), for its unit tests: a clock that
 * jumps instead of waiting, locks, a scripted TRON node, repositories kept in maps, a wallet that
 * signs transactions and messages (deterministically), the site's storage.
 */
/* eslint-disable @typescript-eslint/require-await -- the fakes answer at once, behind the ports' async signatures */
import type {
  ChainPort,
  Clock,
  Locks,
  OwnerWallet,
  ReceiptRepository,
  SessionKeys,
  SessionRepository,
  SiteStorage,
} from '../core/ports'
import { sessionKeyFromSignature } from '../tipping/session-wallet'
import type { ReceivedTipRepository } from '../core/received-tips'
import type { TippingSession } from '../tipping/session'
import type { BroadcastOutcome, FeeEstimate } from '../tron/chain'
import { networkById } from '../tron/networks'
import type { ChainView, Receipt, SignedTransaction } from '../tron/receipt'
import type { ReceivedTip } from '../tron/received-tip'
import type { BuildOptions, TipRequest } from '../tron/tip-pipeline'
import type { WalletConnection } from '../tron/wallet'

export const OWNER = 'TOwner1111111111111111111111111111'
export const PEER = 'TPeer11111111111111111111111111111'
export const NODE = 'http://node.test'
export const START = 1_700_000_000_000
/** How long a built transaction stays valid, as TronWeb sets it. */
export const EXPIRATION_MS = 60_000
/** A block every 3 s, as on mainnet: TronWeb stamps a transaction with its head block's time. */
export const BLOCK_MS = 3_000

export function connection(address = OWNER): WalletConnection {
  return { address, chainId: '0xde7e7e70', network: networkById('devnet'), nodeUrl: NODE }
}

/**
 * Time moves only by waiting: a timer jumps the clock to its end at once, then runs on a later turn
 * of the event loop, so loops interleave.
 */
export class JumpingClock implements Clock {
  time = START
  sleeps = 0
  now(): number {
    return this.time
  }
  after(milliseconds: number, callback: () => void): () => void {
    this.time += milliseconds
    this.sleeps++
    const timer = setTimeout(callback, 0)
    return () => clearTimeout(timer)
  }
}

export class FakeLocks implements Locks {
  readonly held = new Set<string>()
  async run<T>(name: string, work: () => Promise<T>, options: { ifAvailable?: boolean } = {}) {
    if (this.held.has(name)) {
      if (options.ifAvailable) return null
      throw new Error(`The fake locks do not queue: ${name} is held`)
    }
    this.held.add(name)
    try {
      return await work()
    } finally {
      this.held.delete(name)
    }
  }
  hold(name: string): Promise<(() => void) | null> {
    if (this.held.has(name)) return Promise.resolve(null)
    this.held.add(name)
    return Promise.resolve(() => this.held.delete(name))
  }
}

/** A node error as TronWeb's axios reports an unreachable host. */
export function networkError(): Error {
  return new Error('Network Error')
}

/** A node error as TronWeb's axios reports an HTTP status (403: a rate-limited public node). */
export function httpError(status: number): Error {
  return Object.assign(new Error(`Request failed with status code ${status}`), { response: { status } })
}

type Answer<T> = T | Error | (() => T | Promise<T>)

/**
 * A TRON node that answers from scripts: each broadcast and each view takes the next scripted
 * answer (the last one repeats). Balances move when a broadcast is accepted.
 */
export class ScriptedChain implements ChainPort {
  readonly balances = new Map<string, number>()
  readonly broadcasts: SignedTransaction[] = []
  /** txIDs the node has accepted, with their transfer. */
  readonly accepted = new Map<string, { from: string; to: string; amountSun: number }>()
  readonly built = new Map<string, { from: string; to: string; amountSun: number }>()
  broadcastAnswers: Answer<BroadcastOutcome>[] = [{ kind: 'accepted' }]
  viewAnswers: Answer<ChainView>[] | null = null
  buildError: Error | null = null
  feeSun = 268_000
  /**
   * As TronWeb builds: a transaction is stamped with the head block's time, so identical transfers
   * built within one block get one txID (false: every build gets a new id, `tx-1`, `tx-2`…).
   */
  sameBlockIds = false
  /** The JSON raw_data of each transaction built, as the node would execute it. */
  readonly rawData = new Map<string, string>()
  #built = 0

  constructor(readonly clock: Clock) {}

  async buildTransfer(from: WalletConnection, request: TipRequest, options: BuildOptions = {}) {
    if (this.buildError) throw this.buildError
    const head = Math.floor(this.clock.now() / BLOCK_MS) * BLOCK_MS
    const timestamp = options.timestamp ?? head
    const expiration = head + (options.validForMs ?? EXPIRATION_MS)
    const txID = this.sameBlockIds
      ? `tx-${from.address}-${request.to}-${request.amountSun}-${timestamp}-${expiration}`
      : `tx-${++this.#built}`
    this.built.set(txID, { from: from.address, to: request.to, amountSun: request.amountSun })
    const rawData = { to: request.to, amount: request.amountSun, expiration, timestamp }
    this.rawData.set(txID, JSON.stringify(rawData))
    const estimate: FeeEstimate = {
      feeSun: this.feeSun,
      activatesAccount: false,
      balanceSun: this.balances.get(from.address) ?? 0,
      bandwidthBytes: 268,
    }
    return {
      transaction: {
        txID,
        raw_data_hex: `raw-${txID}`,
        raw_data: rawData,
      },
      estimate,
    }
  }

  /** The raw_data JSON is what was built under that txID (the fake's stand-in for re-encoding it). */
  async rawDataMatches(transaction: SignedTransaction): Promise<boolean> {
    return this.rawData.get(transaction.txID) === JSON.stringify(transaction.raw_data)
  }

  async broadcast(_nodeUrl: string, transaction: SignedTransaction): Promise<BroadcastOutcome> {
    this.broadcasts.push(transaction)
    const outcome = await next(this.broadcastAnswers)
    const transfer = this.built.get(transaction.txID)
    if (outcome.kind === 'accepted' && transfer && !this.accepted.has(transaction.txID)) {
      this.accepted.set(transaction.txID, transfer)
      this.balances.set(
        transfer.from,
        (this.balances.get(transfer.from) ?? 0) - transfer.amountSun - this.feeSun,
      )
      this.balances.set(transfer.to, (this.balances.get(transfer.to) ?? 0) + transfer.amountSun)
    }
    return outcome
  }

  /** Scripted, or else: confirmed once accepted, unknown before. */
  async view(_nodeUrl: string, txId: string): Promise<ChainView> {
    if (this.viewAnswers) return next(this.viewAnswers)
    return this.accepted.has(txId)
      ? { kind: 'confirmed', feeSun: this.feeSun, blockNumber: 7, succeeded: true }
      : { kind: 'unknown', solidBlockTime: this.clock.now() }
  }

  async balanceSun(_nodeUrl: string, address: string): Promise<number> {
    return this.balances.get(address) ?? 0
  }
  async isActivated(): Promise<boolean> {
    return true
  }
  async transferBurnSun(): Promise<number> {
    return this.feeSun
  }
}

async function next<T>(answers: Answer<T>[]): Promise<T> {
  const answer = answers.length > 1 ? answers.shift() : answers[0]
  if (answer === undefined) throw new Error('The scripted chain has no answer left')
  if (answer instanceof Error) throw answer
  return typeof answer === 'function' ? (answer as () => T | Promise<T>)() : answer
}

/**
 * Signs whatever it is given, or does what `mode` says. Messages are "signed" deterministically, as
 * TronLink signs them (RFC 6979): the same text from the same wallet gives the same signature.
 */
export class FakeSigner implements OwnerWallet {
  signed = 0
  messagesSigned = 0
  constructor(readonly owner = OWNER) {}
  /** 'other-raw-data': same txID and raw_data_hex, but a JSON raw_data paying someone else. */
  mode: 'sign' | 'reject' | 'other-transaction' | 'other-raw-data' = 'sign'
  /** Messages (the session key's setup) are declined only when this says so. */
  messageMode: 'sign' | 'reject' = 'sign'
  /** Set for a signer a person approves (a wallet prompt); unset for a session key. */
  validForMs?: number
  /** Called while signing: lets a test look at what was stored before the signature. */
  onSign: () => void = () => {}
  async sign(transaction: Record<string, unknown>): Promise<SignedTransaction> {
    this.onSign()
    if (this.mode === 'reject') throw Object.assign(new Error('User rejected the request'), { code: 4001 })
    this.signed++
    const tx = transaction as unknown as SignedTransaction
    return {
      ...tx,
      txID: this.mode === 'other-transaction' ? 'tx-other' : tx.txID,
      ...(this.mode === 'other-raw-data' ? { raw_data: { ...tx.raw_data, to: 'TThief' } } : {}),
      signature: ['signature'],
    }
  }
  async signMessage(message: string): Promise<string> {
    if (this.messageMode === 'reject')
      throw Object.assign(new Error('User rejected the request'), { code: 4001 })
    this.messagesSigned++
    const digest = await crypto.subtle.digest(
      'SHA-256',
      new TextEncoder().encode(`${this.owner}\n${message}`),
    )
    const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
    return `0x${hex}${hex}1b`
  }
}

/** The site's storage: remembers whether it was asked to keep the data. */
export class FakeStorage implements SiteStorage {
  persistCalls = 0
  granted = true
  async persist() {
    this.persistCalls++
    return this.granted
  }
}

export class MemoryReceipts implements ReceiptRepository {
  readonly records = new Map<string, Receipt>()
  puts: Receipt[] = []
  /** A write that fails as IndexedDB can (quota, a closing database): once per matching receipt. */
  failPut: ((receipt: Receipt) => boolean) | null = null
  async all() {
    return [...this.records.values()].map((r) => structuredClone(r)).sort((a, b) => a.createdAt - b.createdAt)
  }
  async get(id: string) {
    const record = this.records.get(id)
    return record ? structuredClone(record) : undefined
  }
  async put(receipt: Receipt) {
    if (this.failPut?.(receipt)) {
      this.failPut = null
      throw new DOMException('The transaction was aborted', 'AbortError')
    }
    this.records.set(receipt.id, structuredClone(receipt))
    this.puts.push(structuredClone(receipt))
  }
}

export class MemorySessions implements SessionRepository {
  readonly records = new Map<string, TippingSession>()
  async all() {
    return [...this.records.values()].map((s) => structuredClone(s)).sort((a, b) => b.createdAt - a.createdAt)
  }
  async put(session: TippingSession) {
    this.records.set(session.id, structuredClone(session))
  }
}

export class MemoryReceivedTips implements ReceivedTipRepository {
  readonly records: ReceivedTip[] = []
  async all() {
    return this.records.map((tip) => ({ ...tip }))
  }
  async put(tip: ReceivedTip) {
    this.records.push({ ...tip })
  }
}

/**
 * Session keys derived as the app derives them (sessionKeyFromSignature); the address is made from
 * the key here instead of by secp256k1 (same key, same address).
 */
export class FakeKeys implements SessionKeys {
  readonly signers = new Map<string, FakeSigner>()
  derived = 0
  async fromSignature(signature: string) {
    this.derived++
    const privateKey = await sessionKeyFromSignature(signature)
    return { address: `TSession${privateKey.slice(0, 26)}`, privateKey, derived: true }
  }
  signer(session: TippingSession): FakeSigner {
    let signer = this.signers.get(session.wallet.address)
    if (!signer) {
      signer = new FakeSigner()
      this.signers.set(session.wallet.address, signer)
    }
    return signer
  }
}
