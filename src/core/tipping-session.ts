/**
 * The tipping session: start (one wallet prompt funds the session wallet), pay peers automatically,
 * end (final tips, then the rest goes back). Every status change is stored before the step that
 * depends on it; a session found on page load carries on from its status. One tab runs a session at
 * a time, and one session runs on a session wallet at a time: the lock is the wallet's address (the
 * locks port), and no session starts while any is open. A funding is followed like any payment: a
 * rejection after its broadcast ends nothing; the final receipt and the wallet's balance decide.
 * Any session wallet of an ended session that still holds money is listed, and can be swept.
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
  recoveredSession,
  reusableWallet,
  sessionReceipts,
  type SessionWalletKey,
  type TippingSession,
} from '../tipping/session'
import { sessionConnection, sessionKeyMessage } from '../tipping/session-wallet'
import { formatTrx, sumSun } from '../tron/amounts'
import { isUnfinished, type Receipt } from '../tron/receipt'
import type { TipRequest } from '../tron/tip-pipeline'
import type { WalletConnection } from '../tron/wallet'
import { classifyWalletError } from '../tron/wallet-errors'
import type { Payments } from './payments'
import { errorText } from '../shared/errors'
import { pollUntil, repeat, sleep } from '../shared/poll'
import type {
  ChainPort,
  Clock,
  Locks,
  OwnerWallet,
  SessionKeys,
  SessionRepository,
  SiteStorage,
} from './ports'
import { sweepRequest } from './sweep'

export const BALANCE_REFRESH_MS = 3_000
export const RECEIPT_POLL_MS = 500
/** The longest wait between two tries of a funding lookup or a balance read the node refused. */
export const MAX_RETRY_MS = 15_000

/** The lock a tab holds while it runs a session on this session wallet (one session per wallet). */
export function walletLockName(address: string): string {
  return `tipping-wallet:${address}`
}

/** A session wallet of an ended session that still holds money: it can be swept back to its owner. */
export interface StrandedWallet {
  session: TippingSession
  balanceSun: number
}

export type SessionBusy = 'starting' | 'ending' | 'returning'

export interface SessionPorts {
  payments: Payments
  chain: ChainPort
  sessions: SessionRepository
  keys: SessionKeys
  locks: Locks
  clock: Clock
  storage: SiteStorage
  /** The app's origin, named in the text whose signature is the session key. */
  origin: string
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
  /** What an ended session's wallet held went back to the owner (or nothing was left). */
  | { type: 'returned'; note: StoredMessage }

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

/** A stranded wallet's balance the node did not give is asked again after 2, 4, 8, 16 and 32 s. */
const STRANDED_RETRIES = 5
const STRANDED_RETRY_MS = 2_000

export class TippingSessions {
  readonly #ports: SessionPorts
  readonly #listeners = new Set<SessionListener>()
  /** The last identity event while a session pays, for listeners that subscribe later. */
  #identity: Extract<SessionEvent, { type: 'identity' }> | null = null
  /** The open session, or the last one that ended (for its summary). */
  #session: TippingSession | null = null
  #balanceSun: number | null = null
  #stranded: readonly StrandedWallet[] = []
  #busy: SessionBusy | null = null
  /** Why automatic tips stopped before the session ended (budget used up), if they did. */
  #halted: string | null = null
  #runningElsewhere = false
  /** The open session was carried on from an earlier visit: the page says so while it pays. */
  #resumed = false
  #tipper: AutoTipper | null = null
  #stopBalance: (() => void) | null = null
  #releaseLock: (() => void) | null = null
  /** Set by `dispose`: loops that follow the chain stop (a closed tab). */
  #disposed = false

  constructor(ports: SessionPorts) {
    this.#ports = ports
  }

  get session(): TippingSession | null {
    return this.#session
  }
  get balanceSun(): number | null {
    return this.#balanceSun
  }
  get busy(): SessionBusy | null {
    return this.#busy
  }
  /** Ended sessions' wallets that still hold money (not the open session's). */
  get stranded(): readonly StrandedWallet[] {
    return this.#stranded
  }
  get halted(): string | null {
    return this.#halted
  }
  get runningElsewhere(): boolean {
    return this.#runningElsewhere
  }
  /** True while a session left open by an earlier visit pays again in this one (never silently). */
  get resumed(): boolean {
    return this.#resumed
  }
  get tipper(): AutoTipper | null {
    return this.#tipper
  }

  subscribe(listener: SessionListener): () => void {
    this.#listeners.add(listener)
    // Who pays is a state, not only an event: a listener that comes later (the peers' ledger of an
    // engine built at the tab's first add) must know it too.
    if (this.#identity) listener(this.#identity)
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
    void this.#refreshStranded(sessions)
    if (open) await this.#resume(open).catch(onResumeError)
  }

  /** Whether a session wallet of this owner and network is known here (else `recover` can find it). */
  knowsWallet(owner: string, chainId: string): boolean {
    const session = this.#session
    return Boolean(session?.owner === owner && session.chainId === chainId && session.wallet.derived === true)
  }

  /**
   * Funds a new session with one wallet transaction, then starts paying peers. The first session of
   * a wallet on a network asks once more, for the signature its session key is derived from.
   */
  async start(
    connection: WalletConnection,
    wallet: OwnerWallet,
    rateSunPerGB: number,
    budgetSun: number,
    maxBudgetSun: number,
  ): Promise<void> {
    if (!connection.network || this.#busy || (this.#session && isOpen(this.#session))) return
    if (budgetSun > maxBudgetSun) {
      throw new RangeError(t('session.overMax', { max: formatTrx(maxBudgetSun) }))
    }
    this.#set({ busy: 'starting', resumed: false })
    try {
      if (!(await this.#noOpenSession())) return
      const key = await this.#walletKey(connection, wallet)
      if (!(await this.#lock(key.address))) throw new Error(t('session.walletInUse'))
      // Another tab may have opened a session between the first read and the lock.
      if ((await this.#ports.sessions.all()).some(isOpen)) {
        this.#unlock()
        if (!(await this.#noOpenSession())) return
      }
      let session = createSession(
        {
          networkId: connection.network.id,
          chainId: connection.chainId,
          nodeUrl: connection.nodeUrl,
          owner: connection.address,
          rateSunPerGB,
          budgetSun,
        },
        key,
        undefined,
        this.#ports.clock.now(),
      )
      // Eviction would lose the key's stored copy (it can be derived again, at the cost of a prompt).
      await this.#ports.storage.persist().catch(() => false)
      // The key is on disk before any money is sent to its address.
      session = await this.#save(session)
      const outcome = await this.#ports.payments
        .pay(connection, wallet, { to: session.wallet.address, amountSun: budgetSun, purpose: 'funding' })
        .then(
          (receipt) => ({ receipt, error: null }),
          (error: unknown) => ({ receipt: null, error }),
        )
      // A rejection may come after the broadcast: the transfer is followed by txID like any payment.
      await this.#afterFunding(session, outcome.receipt ?? (await this.#followFunding(session)))
      if (outcome.error !== null && this.#session?.status === 'ended') {
        throw outcome.error instanceof Error ? outcome.error : new Error(errorText(outcome.error))
      }
    } catch (error) {
      // Nothing was funded on this path when the session never got past its key (no lock to keep).
      if (!this.#session || !isOpen(this.#session)) this.#unlock()
      throw error
    } finally {
      this.#set({ busy: null })
    }
  }

  /**
   * Finds a session wallet whose record is lost (browser storage cleared): derives its key again
   * (one wallet prompt) and returns what it holds to the owner.
   */
  async recover(connection: WalletConnection, wallet: OwnerWallet): Promise<void> {
    if (!connection.network || this.#busy || (this.#session && isOpen(this.#session))) return
    this.#set({ busy: 'returning' })
    try {
      if (!(await this.#noOpenSession())) return
      const key = await this.#walletKey(connection, wallet)
      if (!(await this.#lock(key.address))) throw new Error(t('session.walletInUse'))
      const request = {
        networkId: connection.network.id,
        chainId: connection.chainId,
        nodeUrl: connection.nodeUrl,
        owner: connection.address,
      }
      const balanceSun = await this.#balanceOf({ nodeUrl: connection.nodeUrl, address: key.address })
      const note = stored('session.nothingLeft')
      const session = await this.#save(
        recoveredSession(request, key, balanceSun, note, undefined, this.#ports.clock.now()),
      )
      if (session.status === 'ending') await this.#finish(session)
      else {
        this.#unlock()
        this.#emit({ type: 'ended', note })
      }
    } finally {
      this.#unlock()
      this.#set({ busy: null })
    }
  }

  /** Sweeps what an ended session's wallet still holds back to its owner. */
  async returnFunds(address: string): Promise<void> {
    const stranded = this.#stranded.find((entry) => entry.session.wallet.address === address)
    if (!stranded || this.#busy) return
    this.#set({ busy: 'returning' })
    const release = await this.#ports.locks.hold(walletLockName(address))
    try {
      if (!release) throw new Error(t('session.walletInUse'))
      const { session } = stranded
      const request = await sweepRequest(this.#ports.chain, session)
      let note = stored('session.nothingLeft')
      if (request) {
        const receipt = await this.#payFromSession(session, request)
        if (receipt.status !== 'confirmed') {
          throw new Error(receipt.error ? tStored(receipt.error, formatTrx) : t('session.returnFailed'))
        }
        note = stored('session.returned', { amount: receipt.amountSun })
      }
      this.#emit({ type: 'returned', note })
    } finally {
      release?.()
      await this.#refreshStranded(await this.#ports.sessions.all())
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

  /**
   * Another tab takes the engine over: pays nothing more from this page, waits for the payment in
   * progress to be final, and lets go of the session wallet's lock, leaving the session open for the
   * tab that carries it on (`carryOn`). Refused while a session is being started, ended or swept.
   */
  async handOver(): Promise<void> {
    if (this.#busy) throw new Error(t('session.busyElsewhere'))
    const tipper = this.#tipper
    this.#tipper = null
    await tipper?.stop()
    this.#stopBalance?.()
    this.#stopBalance = null
    const held = this.#releaseLock !== null
    this.#unlock()
    if (held) this.#emit({ type: 'identity', identity: null, network: null })
    this.#set({ runningElsewhere: held || this.#runningElsewhere })
  }

  /** This tab now runs the engine: an open session another tab ran (and handed over) carries on here. */
  async carryOn(onResumeError: (error: unknown) => void): Promise<void> {
    if (!this.#runningElsewhere || this.#releaseLock || this.#busy) return
    await this.load(onResumeError)
  }

  /** Stops the timers of a running session without changing it (tests, and nothing else). */
  dispose(): void {
    this.#disposed = true
    void this.#tipper?.stop()
    this.#stopBalance?.()
    this.#unlock()
  }

  async #resume(session: TippingSession): Promise<void> {
    if (!(await this.#lock(session.wallet.address))) return
    if (session.status === 'funding') {
      await this.#afterFunding(session, await this.#followFunding(session))
    } else if (session.status === 'active') {
      this.#set({ resumed: true })
      this.#activate(session)
    } else if (session.status === 'ending') await this.end()
  }

  async #afterFunding(session: TippingSession, funding: Receipt | null): Promise<void> {
    if (funding?.status === 'confirmed' && funding.txId) {
      this.#activate(await this.#save(this.#advance(session, 'active', { fundingTxId: funding.txId })))
      this.#emit({ type: 'started', budgetSun: session.budgetSun })
      return
    }
    // Never funded, or the funding failed: whatever may have arrived anyway is swept back.
    const balance = await this.#balanceOf({ nodeUrl: session.nodeUrl, address: session.wallet.address })
    if (balance > 0) {
      await this.#finish(await this.#save(this.#advance(session, 'ending')))
      return
    }
    const note = funding?.error ?? stored('session.notFunded')
    await this.#save(this.#advance(session, 'ended', { note }))
    this.#unlock()
  }

  /**
   * The funding receipt followed to its end (null if it was never written): a lookup the node
   * refused is asked again, less often, for as long as it takes. Another follower (this page's
   * receipt loader, say) may hold the receipt: then its outcome is awaited.
   */
  async #followFunding(session: TippingSession): Promise<Receipt | null> {
    const { payments, clock } = this.#ports
    for (let delay = RECEIPT_POLL_MS; ; delay = Math.min(delay * 2, MAX_RETRY_MS)) {
      if (this.#disposed) throw new Error('The session core was disposed')
      const receipt = payments.loaded ? sessionReceipts(session, payments.all, 'funding')[0] : undefined
      if (payments.loaded && (!receipt || !isUnfinished(receipt))) return receipt ?? null
      if (receipt) {
        const followed = await payments.resume(receipt.id).catch(() => null)
        if (followed && !isUnfinished(followed)) return followed
      }
      await sleep(clock, delay)
    }
  }

  /** A balance read, asked again (less and less often) while the node refuses or is away. */
  async #balanceOf({ nodeUrl, address }: { nodeUrl: string; address: string }): Promise<number> {
    for (let delay = RECEIPT_POLL_MS; ; delay = Math.min(delay * 2, MAX_RETRY_MS)) {
      if (this.#disposed) throw new Error('The session core was disposed')
      try {
        return await this.#ports.chain.balanceSun(nodeUrl, address)
      } catch {
        await sleep(this.#ports.clock, delay)
      }
    }
  }

  /** Refuses (false) while any session is open: shown here, and resumed here if no tab runs it. */
  async #noOpenSession(): Promise<boolean> {
    const open = (await this.#ports.sessions.all()).find(isOpen)
    if (!open) return true
    this.#set({ session: open })
    if (!(await this.#lock(open.wallet.address))) throw new Error(t('session.openElsewhere'))
    // Its tab is gone: carry on with it here rather than start another.
    this.#set({ busy: null })
    await this.#resume(open)
    return false
  }

  /** The owner's session wallet on this network: the stored copy, or derived from one signature. */
  async #walletKey(connection: WalletConnection, wallet: OwnerWallet): Promise<SessionWalletKey> {
    const previous = await this.#ports.sessions.all()
    const known = reusableWallet(previous, connection.address, connection.chainId)
    if (known) return known
    const message = sessionKeyMessage(this.#ports.origin, connection.chainId, connection.address)
    const signature = await wallet.signMessage(message).catch((error: unknown) => {
      throw classifyWalletError(error, connection.nodeUrl)
    })
    const key = await this.#ports.keys.fromSignature(signature)
    if (key.address === connection.address) throw new Error('A session wallet must not be the owner')
    return key
  }

  /**
   * Reads the balance of every ended session's wallet that no open session uses. A read the node
   * does not answer (away, limiting, not reachable yet on page load) is tried again a few times, so a
   * stranded balance is not hidden by one bad moment.
   */
  async #refreshStranded(sessions: readonly TippingSession[], attempt = 0): Promise<void> {
    const inUse = new Set(sessions.filter(isOpen).map((session) => session.wallet.address))
    const latest = new Map<string, TippingSession>()
    for (const session of sessions) {
      const { address } = session.wallet
      if (session.status !== 'ended' || inUse.has(address)) continue
      const known = latest.get(address)
      if (!known || known.createdAt < session.createdAt) latest.set(address, session)
    }
    const stranded: StrandedWallet[] = []
    let unanswered = false
    for (const session of latest.values()) {
      try {
        const balanceSun = await this.#ports.chain.balanceSun(session.nodeUrl, session.wallet.address)
        if (balanceSun > 0) stranded.push({ session, balanceSun })
      } catch {
        unanswered = true
      }
    }
    this.#set({ stranded })
    if (unanswered && attempt < STRANDED_RETRIES && !this.#disposed) {
      this.#ports.clock.after(STRANDED_RETRY_MS * 2 ** attempt, () => {
        if (this.#disposed) return
        void this.#ports.sessions
          .all()
          .then((latestSessions) => this.#refreshStranded(latestSessions, attempt + 1))
          .catch(() => undefined)
      })
    }
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
    void this.#refreshStranded(await this.#ports.sessions.all())
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

  /**
   * Holds the session wallet's lock until the session ends; false (and a note) when another tab
   * already runs a session on it.
   */
  async #lock(address: string): Promise<boolean> {
    if (this.#releaseLock) return true
    this.#releaseLock = await this.#ports.locks.hold(walletLockName(address))
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
      stranded: readonly StrandedWallet[]
      busy: SessionBusy | null
      halted: string | null
      runningElsewhere: boolean
      resumed: boolean
    }>,
  ): void {
    if ('session' in changes) this.#session = changes.session ?? null
    if (changes.stranded) this.#stranded = changes.stranded
    if ('balanceSun' in changes) this.#balanceSun = changes.balanceSun ?? null
    if ('busy' in changes) this.#busy = changes.busy ?? null
    if ('halted' in changes) this.#halted = changes.halted ?? null
    if (changes.runningElsewhere !== undefined) this.#runningElsewhere = changes.runningElsewhere
    if (changes.resumed !== undefined) this.#resumed = changes.resumed
    this.#emit({ type: 'changed' })
  }

  #emit(event: SessionEvent): void {
    if (event.type === 'identity') this.#identity = event.identity ? event : null
    for (const listener of this.#listeners) listener(event)
  }
}
