/**
 * The tipping session: start (one wallet prompt funds the session wallet), pay peers automatically,
 * end (final tips, then the rest goes back). Every status change is stored before the step that
 * depends on it; a session found on page load carries on from its status. One tab runs a session at
 * a time (the locks port), so two tabs never pay the same peer.
 */
import { stored, type StoredMessage } from '../i18n/stored-message'
import { t, tStored } from '../i18n/translate'
import { AutoTipper, spentSun } from '../tipping/auto-tipper'
import type { TippingIdentity } from '../tipping/identity'
import type { OwnNetwork, PayablePeer } from '../tipping/peer-ledger'
import {
  advanceSession,
  createSession,
  isOpen,
  reusableWallet,
  sessionReceipts,
  type TippingSession,
} from '../tipping/session'
import { sessionConnection } from '../tipping/session-wallet'
import { formatTrx, sumSun } from '../tron/amounts'
import { isUnfinished, type Receipt } from '../tron/receipt'
import type { Signer, TipRequest } from '../tron/tip-pipeline'
import type { WalletConnection } from '../tron/wallet'
import type { Payments } from './payments'
import { pollUntil, repeat } from '../shared/poll'
import type { ChainPort, Clock, Locks, SessionKeys, SessionRepository } from './ports'
import { sweepRequest } from './sweep'

export const BALANCE_REFRESH_MS = 3_000
export const RECEIPT_POLL_MS = 500

export interface SessionPorts {
  payments: Payments
  chain: ChainPort
  sessions: SessionRepository
  keys: SessionKeys
  locks: Locks
  clock: Clock
  /** Peers owed something on `chainId` (the peer ledger). */
  payablePeers(chainId: string): readonly PayablePeer[]
  torrentName(infoHash: string): string
}

export type SessionEvent =
  /** Anything the panel shows changed: the session, its balance, busy, halted, running elsewhere. */
  | { type: 'changed' }
  /** While a session runs, peers see its funding proof instead of the wallet's grant. */
  | { type: 'identity'; identity: TippingIdentity | null; network: OwnNetwork | null }
  | { type: 'started'; budgetSun: number }
  | { type: 'ended'; note: StoredMessage }

export type SessionListener = (event: SessionEvent) => void

/** Tips paid or in flight by a session (not its fees). */
export function tippedSun(session: TippingSession, receipts: readonly Receipt[]): number {
  const tips = sessionReceipts(session, receipts, 'tip').filter((receipt) => receipt.status !== 'failed')
  return sumSun(tips.map((receipt) => receipt.amountSun))
}

/** Confirmed fees of a session's tips. */
export function feesSun(session: TippingSession, receipts: readonly Receipt[]): number {
  return spentSun(session, receipts, 0) - tippedSun(session, receipts)
}

export class TippingSessions {
  readonly #ports: SessionPorts
  readonly #listeners = new Set<SessionListener>()
  /** The open session, or the last one that ended (for its summary). */
  #session: TippingSession | null = null
  #balanceSun: number | null = null
  #busy: 'starting' | 'ending' | null = null
  /** Why automatic tips stopped before the session ended (budget used up), if they did. */
  #halted: string | null = null
  #runningElsewhere = false
  #tipper: AutoTipper | null = null
  #stopBalance: (() => void) | null = null
  #releaseLock: (() => void) | null = null

  constructor(ports: SessionPorts) {
    this.#ports = ports
  }

  get session(): TippingSession | null {
    return this.#session
  }
  get balanceSun(): number | null {
    return this.#balanceSun
  }
  get busy(): 'starting' | 'ending' | null {
    return this.#busy
  }
  get halted(): string | null {
    return this.#halted
  }
  get runningElsewhere(): boolean {
    return this.#runningElsewhere
  }
  get tipper(): AutoTipper | null {
    return this.#tipper
  }

  subscribe(listener: SessionListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /**
   * On page load, after the payments started loading: carries on with a session left open by an
   * earlier visit. Rejects when the sessions cannot be read; `onResumeError` hears why one stopped.
   */
  async load(onResumeError: (error: unknown) => void): Promise<void> {
    const sessions = await this.#ports.sessions.all()
    const open = sessions.find(isOpen)
    this.#set({ session: open ?? sessions[0] ?? null })
    if (open) await this.#resume(open).catch(onResumeError)
  }

  /** Funds a new session with one wallet transaction, then starts paying peers. */
  async start(
    connection: WalletConnection,
    signer: Signer,
    rateSunPerGB: number,
    budgetSun: number,
  ): Promise<void> {
    if (!connection.network || this.#busy || (this.#session && isOpen(this.#session))) return
    this.#set({ busy: 'starting' })
    try {
      const previous = await this.#ports.sessions.all()
      const sessionWallet =
        reusableWallet(previous, connection.address, connection.chainId) ??
        (await this.#ports.keys.generate())
      let session = createSession(
        {
          networkId: connection.network.id,
          chainId: connection.chainId,
          nodeUrl: connection.nodeUrl,
          owner: connection.address,
          rateSunPerGB,
          budgetSun,
        },
        sessionWallet,
        undefined,
        this.#ports.clock.now(),
      )
      // The key is on disk before any money is sent to its address.
      session = await this.#save(session)
      if (!(await this.#lock(session))) return
      const funding = await this.#ports.payments
        .pay(connection, signer, { to: session.wallet.address, amountSun: budgetSun, purpose: 'funding' })
        .catch(async (error: unknown) => {
          await this.#save(this.#advance(session, 'ended', { note: stored('session.notFunded') }))
          this.#unlock()
          throw error
        })
      await this.#afterFunding(session, funding)
    } finally {
      this.#set({ busy: null })
    }
  }

  /** Pays what is owed, returns the rest to the wallet, and ends the session. */
  async end(): Promise<void> {
    const session = this.#session
    if (!session || this.#busy || (session.status !== 'active' && session.status !== 'ending')) return
    this.#set({ busy: 'ending' })
    try {
      const ending =
        session.status === 'ending' ? session : await this.#save(this.#advance(session, 'ending'))
      await this.#tipper?.settle()
      await this.#finish(ending)
    } finally {
      this.#set({ busy: null })
    }
  }

  /** Stops the timers of a running session without changing it (tests, and nothing else). */
  dispose(): void {
    void this.#tipper?.stop()
    this.#stopBalance?.()
    this.#unlock()
  }

  async #resume(session: TippingSession): Promise<void> {
    if (!(await this.#lock(session))) return
    if (session.status === 'funding') {
      const funding = await this.#waitFor(() => {
        const receipt = sessionReceipts(session, this.#ports.payments.all, 'funding')[0]
        return receipt && !isUnfinished(receipt) ? receipt : undefined
      })
      await this.#afterFunding(session, funding ?? null)
    } else if (session.status === 'active') this.#activate(session)
    else if (session.status === 'ending') await this.end()
  }

  async #afterFunding(session: TippingSession, funding: Receipt | null): Promise<void> {
    if (funding?.status === 'confirmed' && funding.txId) {
      this.#activate(await this.#save(this.#advance(session, 'active', { fundingTxId: funding.txId })))
      this.#emit({ type: 'started', budgetSun: session.budgetSun })
      return
    }
    // Never funded, or the funding failed: whatever may have arrived anyway is swept back.
    const balance = await this.#ports.chain.balanceSun(session.nodeUrl, session.wallet.address)
    if (balance > 0) {
      await this.#finish(await this.#save(this.#advance(session, 'ending')))
      return
    }
    const note = funding?.error ?? stored('session.notFunded')
    await this.#save(this.#advance(session, 'ended', { note }))
    this.#unlock()
  }

  #activate(session: TippingSession): void {
    if (!session.fundingTxId) throw new Error(`Session ${session.id} is active without a funding transaction`)
    const { chain, payments } = this.#ports
    this.#emit({
      type: 'identity',
      identity: {
        address: session.owner,
        chainId: session.chainId,
        session: session.wallet,
        proof: { funding: session.fundingTxId },
      },
      network: { chainId: session.chainId, nodeUrl: session.nodeUrl, address: session.owner },
    })
    let feeSun: Promise<number> | null = null
    this.#tipper = new AutoTipper(session, {
      peers: () => this.#ports.payablePeers(session.chainId),
      pay: (request, onReceipt) => this.#payFromSession(session, request, onReceipt),
      receipts: () => payments.all,
      transferFeeSun: () => (feeSun ??= chain.transferBurnSun(session.nodeUrl)),
      isActivated: (address) => chain.isActivated(session.nodeUrl, address),
      torrentName: (infoHash) => this.#ports.torrentName(infoHash),
      onExhausted: (reason) => {
        this.#set({ halted: reason })
        void this.#tipper?.stop()
      },
    })
    this.#tipper.start()
    this.#stopBalance?.()
    this.#stopBalance = repeat(this.#ports.clock, BALANCE_REFRESH_MS, () => this.#refreshBalance(session))
  }

  async #finish(session: TippingSession): Promise<void> {
    const { payments } = this.#ports
    // The sweep takes the whole balance: no payment of this wallet may still be on its way.
    await this.#waitFor(() =>
      payments.all.some((receipt) => receipt.from === session.wallet.address && isUnfinished(receipt))
        ? undefined
        : true,
    )
    const swept = sessionReceipts(session, payments.all, 'sweep').find(
      (receipt) => receipt.status === 'confirmed',
    )
    let note: StoredMessage
    if (swept) note = stored('session.returned', { amount: swept.amountSun })
    else {
      const request = await sweepRequest(this.#ports.chain, session)
      if (request) {
        const receipt = await this.#payFromSession(session, request)
        if (receipt.status !== 'confirmed') {
          throw new Error(receipt.error ? tStored(receipt.error, formatTrx) : t('session.returnFailed'))
        }
        note = stored('session.returned', { amount: receipt.amountSun })
      } else note = stored('session.nothingLeft')
    }
    this.#tipper = null
    this.#emit({ type: 'identity', identity: null, network: null })
    this.#set({ halted: null })
    await this.#save(this.#advance(session, 'ended', { note }))
    this.#stopBalance?.()
    this.#stopBalance = null
    this.#unlock()
    this.#emit({ type: 'ended', note })
  }

  #payFromSession(
    session: TippingSession,
    request: TipRequest,
    onReceipt?: (receipt: Receipt) => void,
  ): Promise<Receipt> {
    return this.#ports.payments
      .pay(sessionConnection(session), this.#ports.keys.signer(session), request, onReceipt)
      .finally(() => void this.#refreshBalance(session))
  }

  #advance(
    session: TippingSession,
    status: TippingSession['status'],
    changes: Parameters<typeof advanceSession>[2] = {},
  ): TippingSession {
    return advanceSession(session, status, changes, this.#ports.clock.now())
  }

  async #save(session: TippingSession): Promise<TippingSession> {
    await this.#ports.sessions.put(session)
    this.#set({ session })
    return session
  }

  async #refreshBalance(session: TippingSession): Promise<void> {
    try {
      const balance = await this.#ports.chain.balanceSun(session.nodeUrl, session.wallet.address)
      if (this.#session?.id === session.id) this.#set({ balanceSun: balance })
    } catch {
      // The node is away; the panel keeps the last figure and the next refresh tries again.
    }
  }

  /** Polls until `value()` is defined, once receipts have loaded (they are followed to their end). */
  #waitFor<T>(value: () => T | undefined): Promise<T | undefined> {
    const { payments } = this.#ports
    return pollUntil<{ found: T | undefined }>(this.#ports.clock, RECEIPT_POLL_MS, () => {
      if (!payments.loaded) return undefined
      const found = value()
      if (found !== undefined) return { found }
      // Nothing left to follow: the value will not come.
      return payments.all.some(isUnfinished) ? undefined : { found: value() }
    }).then(({ found }) => found)
  }

  /** Holds the session's lock until it ends; false (and a note) when another tab already runs it. */
  async #lock(session: TippingSession): Promise<boolean> {
    if (this.#releaseLock) return true
    this.#releaseLock = await this.#ports.locks.hold(`tipping-session:${session.id}`)
    this.#set({ runningElsewhere: this.#releaseLock === null })
    return this.#releaseLock !== null
  }

  #unlock(): void {
    this.#releaseLock?.()
    this.#releaseLock = null
  }

  #set(
    changes: Partial<{
      session: TippingSession | null
      balanceSun: number | null
      busy: 'starting' | 'ending' | null
      halted: string | null
      runningElsewhere: boolean
    }>,
  ): void {
    if ('session' in changes) this.#session = changes.session ?? null
    if ('balanceSun' in changes) this.#balanceSun = changes.balanceSun ?? null
    if ('busy' in changes) this.#busy = changes.busy ?? null
    if ('halted' in changes) this.#halted = changes.halted ?? null
    if (changes.runningElsewhere !== undefined) this.#runningElsewhere = changes.runningElsewhere
    this.#emit({ type: 'changed' })
  }

  #emit(event: SessionEvent): void {
    for (const listener of this.#listeners) listener(event)
  }
}
