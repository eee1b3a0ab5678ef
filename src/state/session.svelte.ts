/**
 * The tipping session as the UI sees it: start (one wallet prompt funds the session wallet), pay
 * peers automatically, end (final tips, then the rest goes back). Every status change is stored
 * before the step that depends on it; a session found on page load carries on from its status.
 * One tab runs a session at a time (a Web Lock), so two tabs never pay the same peer.
 */
import { t } from '../i18n/translate'
import { allSessions, putSession } from '../db/sessions-db'
import { isTippingSession } from '../tipping/session-guard'
import { describeError } from '../shared/errors'
import { AutoTipper, spentSun } from '../tipping/auto-tipper'
import {
  advanceSession,
  createSession,
  isOpen,
  reusableWallet,
  sessionReceipts,
  type SessionStatus,
  type TippingSession,
} from '../tipping/session'
import {
  generateSessionWallet,
  sessionConnection,
  sessionSigner,
  sweepRequest,
} from '../tipping/session-wallet'
import { formatTrx, parseTrxToSun } from '../tron/amounts'
import { headBalanceSun, isActivated, transferBurnSun } from '../tron/chain'
import { isUnfinished, type Receipt } from '../tron/receipt'
import type { TipRequest } from '../tron/tip-pipeline'
import { notices } from './notices.svelte'
import { receipts } from './receipts.svelte'
import { tipping } from './tipping.svelte'
import { torrents } from './torrents.svelte'
import { wallet } from './wallet.svelte'

const BALANCE_REFRESH_MS = 3_000
const RECEIPT_POLL_MS = 500

class SessionStore {
  /** The open session, or the last one that ended (for its summary). */
  // Raw: the record goes back to IndexedDB as it is, and a deep proxy cannot be stored there.
  #session = $state.raw<TippingSession | null>(null)
  #balanceSun = $state<number | null>(null)
  #busy = $state<'starting' | 'ending' | null>(null)
  /** Why automatic tips stopped before the session ended (budget used up), if they did. */
  #halted = $state<string | null>(null)
  #runningElsewhere = $state(false)
  #tipper: AutoTipper | null = null
  #balanceTimer: ReturnType<typeof setInterval> | null = null
  #releaseLock: (() => void) | null = null

  get session(): TippingSession | null {
    return this.#session
  }
  get status(): SessionStatus | null {
    return this.#session?.status ?? null
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
  /** The session wallet's balance on chain: what is left. */
  get balanceSun(): number | null {
    return this.#balanceSun
  }
  /** Tips paid or in flight by this session, and their fees (confirmed fees only). */
  get tippedSun(): number {
    const session = this.#session
    if (!session) return 0
    return this.#payments(session).reduce((sum, receipt) => sum + receipt.amountSun, 0)
  }
  get feesSun(): number {
    const session = this.#session
    return session ? spentSun(session, receipts.all, 0) - this.tippedSun : 0
  }

  /** Sun owed to a peer at the session's rate and not paid yet (0 without a running session). */
  owedSun(infoHash: string, peerId: string, verifiedBytes: number): number {
    return this.#tipper?.owedSun(infoHash, peerId, verifiedBytes) ?? 0
  }

  unpaidBecauseInactive(address: string | null): boolean {
    return Boolean(address && this.#tipper?.isInactive(address))
  }

  /** On page load, after receipts.load(): carries on with a session left open by an earlier visit. */
  async load(): Promise<void> {
    const sessions = await allSessions(isTippingSession)
    const open = sessions.find(isOpen)
    this.#session = open ?? sessions[0] ?? null
    if (open) await this.#resume(open)
  }

  /** Funds a new session with one wallet transaction, then starts paying peers. */
  async start(rateText: string, budgetText: string): Promise<void> {
    const connection = wallet.connection
    if (!connection?.network || this.#busy || (this.#session && isOpen(this.#session))) return
    this.#busy = 'starting'
    try {
      const rateSunPerGB = parseTrxToSun(rateText)
      const budgetSun = parseTrxToSun(budgetText)
      const previous = await allSessions(isTippingSession)
      const sessionWallet =
        reusableWallet(previous, connection.address, connection.chainId) ?? (await generateSessionWallet())
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
      )
      // The key is on disk before any money is sent to its address.
      session = await this.#save(session)
      if (!(await this.#lock(session))) return
      const funding = await receipts
        .pay({ to: session.wallet.address, amountSun: budgetSun, purpose: 'funding' })
        .catch(async (error: unknown) => {
          await this.#save(advanceSession(session, 'ended', { note: t('session.notFunded') }))
          this.#unlock()
          throw error
        })
      await this.#afterFunding(session, funding)
    } catch (error) {
      notices.alert(describeError(error, t('session.startFailed')))
    } finally {
      this.#busy = null
    }
  }

  /** Pays what is owed, returns the rest to the wallet, and ends the session. */
  async end(): Promise<void> {
    const session = this.#session
    if (!session || this.#busy || (session.status !== 'active' && session.status !== 'ending')) return
    this.#busy = 'ending'
    try {
      const ending =
        session.status === 'ending' ? session : await this.#save(advanceSession(session, 'ending'))
      await this.#tipper?.settle()
      await this.#finish(ending)
    } catch (error) {
      notices.alert(describeError(error, t('session.endFailed')))
    } finally {
      this.#busy = null
    }
  }

  async #resume(session: TippingSession): Promise<void> {
    if (!(await this.#lock(session))) return
    try {
      if (session.status === 'funding') {
        const funding = await this.#waitFor(() => {
          const receipt = sessionReceipts(session, receipts.all, 'funding')[0]
          return receipt && !isUnfinished(receipt) ? receipt : undefined
        })
        await this.#afterFunding(session, funding ?? null)
      } else if (session.status === 'active') this.#activate(session)
      else if (session.status === 'ending') await this.end()
    } catch (error) {
      notices.alert(describeError(error, t('session.resumeFailed')))
    }
  }

  async #afterFunding(session: TippingSession, funding: Receipt | null): Promise<void> {
    if (funding?.status === 'confirmed' && funding.txId) {
      this.#activate(await this.#save(advanceSession(session, 'active', { fundingTxId: funding.txId })))
      notices.announce(t('session.started', { budget: formatTrx(session.budgetSun) }))
      return
    }
    // Never funded, or the funding failed: whatever may have arrived anyway is swept back.
    const balance = await headBalanceSun(session.nodeUrl, session.wallet.address)
    if (balance > 0) {
      await this.#finish(await this.#save(advanceSession(session, 'ending')))
      return
    }
    await this.#save(advanceSession(session, 'ended', { note: funding?.error ?? t('session.notFunded') }))
    this.#unlock()
  }

  #activate(session: TippingSession): void {
    if (!session.fundingTxId) throw new Error(`Session ${session.id} is active without a funding transaction`)
    tipping.useSession(
      {
        address: session.owner,
        chainId: session.chainId,
        session: session.wallet,
        proof: { funding: session.fundingTxId },
      },
      { chainId: session.chainId, nodeUrl: session.nodeUrl, address: session.owner },
    )
    let feeSun: Promise<number> | null = null
    this.#tipper = new AutoTipper(session, {
      peers: () => tipping.payablePeers(session.chainId),
      pay: (request) => this.#payFromSession(session, request),
      receipts: () => receipts.all,
      transferFeeSun: () => (feeSun ??= transferBurnSun(session.nodeUrl)),
      isActivated: (address) => isActivated(session.nodeUrl, address),
      torrentName: (infoHash) =>
        torrents.list.find((torrent) => torrent.infoHash === infoHash)?.name ?? infoHash,
      onExhausted: (reason) => {
        this.#halted = reason
        void this.#tipper?.stop()
      },
    })
    this.#tipper.start()
    this.#watchBalance(session)
  }

  async #finish(session: TippingSession): Promise<void> {
    // The sweep takes the whole balance: no payment of this wallet may still be on its way.
    await this.#waitFor(() =>
      receipts.all.some((receipt) => receipt.from === session.wallet.address && isUnfinished(receipt))
        ? undefined
        : true,
    )
    const swept = sessionReceipts(session, receipts.all, 'sweep').find(
      (receipt) => receipt.status === 'confirmed',
    )
    let note: string
    if (swept) note = t('session.returned', { amount: formatTrx(swept.amountSun) })
    else {
      const request = await sweepRequest(session)
      if (request) {
        const receipt = await this.#payFromSession(session, request)
        if (receipt.status !== 'confirmed') throw new Error(receipt.error ?? t('session.returnFailed'))
        note = t('session.returned', { amount: formatTrx(receipt.amountSun) })
      } else note = t('session.nothingLeft')
    }
    this.#tipper = null
    tipping.useSession(null, null)
    this.#halted = null
    await this.#save(advanceSession(session, 'ended', { note }))
    this.#stopBalance()
    this.#unlock()
    notices.announce(t('session.ended', { note }))
    void wallet.refreshBalance()
  }

  #payFromSession(session: TippingSession, request: TipRequest): Promise<Receipt> {
    return receipts
      .payFrom(sessionConnection(session), sessionSigner(session), request)
      .finally(() => void this.#refreshBalance(session))
  }

  #payments(session: TippingSession): Receipt[] {
    return sessionReceipts(session, receipts.all, 'tip').filter((receipt) => receipt.status !== 'failed')
  }

  async #save(session: TippingSession): Promise<TippingSession> {
    await putSession(session)
    this.#session = session
    return session
  }

  #watchBalance(session: TippingSession): void {
    this.#stopBalance()
    void this.#refreshBalance(session)
    this.#balanceTimer = setInterval(() => void this.#refreshBalance(session), BALANCE_REFRESH_MS)
  }

  #stopBalance(): void {
    if (this.#balanceTimer) clearInterval(this.#balanceTimer)
    this.#balanceTimer = null
  }

  async #refreshBalance(session: TippingSession): Promise<void> {
    try {
      const balance = await headBalanceSun(session.nodeUrl, session.wallet.address)
      if (this.#session?.id === session.id) this.#balanceSun = balance
    } catch {
      // The node is away; the panel keeps the last figure and the next refresh tries again.
    }
  }

  /** Polls until `value()` is defined, once receipts have loaded (they are followed to their end). */
  async #waitFor<T>(value: () => T | undefined): Promise<T | undefined> {
    for (;;) {
      if (receipts.loaded) {
        const found = value()
        if (found !== undefined) return found
        if (!receipts.all.some(isUnfinished)) return value()
      }
      await new Promise((resolve) => setTimeout(resolve, RECEIPT_POLL_MS))
    }
  }

  /** Holds the session's lock until it ends; false (and a note) when another tab already runs it. */
  async #lock(session: TippingSession): Promise<boolean> {
    if (this.#releaseLock) return true
    const granted = await new Promise<boolean>((resolveGranted) => {
      void navigator.locks.request(`tipping-session:${session.id}`, { ifAvailable: true }, (lock) => {
        resolveGranted(lock !== null)
        return lock ? new Promise<void>((release) => (this.#releaseLock = release)) : null
      })
    })
    this.#runningElsewhere = !granted
    return granted
  }

  #unlock(): void {
    this.#releaseLock?.()
    this.#releaseLock = null
  }
}

export const sessions = new SessionStore()
