/**
 * The tipping session as the UI sees it: a mirror of the session core (src/core/tipping-session.ts),
 * and the start and end intents, whose failures become alerts.
 */
import { t, tStored } from '../i18n/translate'
import type { OwnerWallet } from '../core/ports'
import {
  feesSun,
  tippedSun,
  type SessionBusy,
  type StrandedWallet,
  type TippingSessions,
} from '../core/tipping-session'
import { describeError } from '../shared/errors'
import type { SessionStatus, TippingSession } from '../tipping/session'
import { formatTrx, parseTrxToSun } from '../tron/amounts'
import type { WalletConnection } from '../tron/wallet'
import { notices } from './notices.svelte'
import { receipts } from './receipts.svelte'
import { settings } from './settings.svelte'

class SessionStore {
  #core: TippingSessions | null = null
  // Raw: the record goes back to IndexedDB as it is, and a deep proxy cannot be stored there.
  #session = $state.raw<TippingSession | null>(null)
  #balanceSun = $state<number | null>(null)
  #busy = $state<SessionBusy | null>(null)
  #stranded = $state.raw<readonly StrandedWallet[]>([])
  #halted = $state<string | null>(null)
  #runningElsewhere = $state(false)
  #resumed = $state(false)

  /** The open session, or the last one that ended (for its summary). */
  get session(): TippingSession | null {
    return this.#session
  }
  get status(): SessionStatus | null {
    return this.#session?.status ?? null
  }
  get busy(): SessionBusy | null {
    return this.#busy
  }
  /** Ended sessions' wallets that still hold money: each can be swept back ("Return funds"). */
  get stranded(): readonly StrandedWallet[] {
    return this.#stranded
  }
  /** What session wallets hold that browser data could take with it: the open session's, the stranded. */
  get heldSun(): number {
    const session = this.#session
    const open = session && session.status !== 'ended' ? (this.#balanceSun ?? session.budgetSun) : 0
    return open + this.#stranded.reduce((sum, entry) => sum + entry.balanceSun, 0)
  }
  /** Whether this owner's session wallet on this network is known here (else it can be recovered). */
  knowsWallet(connection: WalletConnection | null): boolean {
    void this.#session // read for reactivity: the answer changes with the session shown
    return Boolean(connection && this.#core?.knowsWallet(connection.address, connection.chainId))
  }
  /** Why automatic tips stopped before the session ended (budget used up), if they did. */
  get halted(): string | null {
    return this.#halted
  }
  get runningElsewhere(): boolean {
    return this.#runningElsewhere
  }
  /** The open session was left running by an earlier visit and pays again in this one. */
  get resumed(): boolean {
    return this.#resumed
  }
  /** The session wallet's balance on chain: what is left. */
  get balanceSun(): number | null {
    return this.#balanceSun
  }
  /** Tips paid or in flight by this session, and their fees (confirmed fees only). */
  get tippedSun(): number {
    return this.#session ? tippedSun(this.#session, receipts.all) : 0
  }
  get feesSun(): number {
    return this.#session ? feesSun(this.#session, receipts.all) : 0
  }

  /** Sun not paid yet to a peer at the session's rate (0 without a running session). */
  unpaidSun(infoHash: string, connection: string, verifiedBytes: number): number {
    return this.#core?.tipper?.unpaidSun(infoHash, connection, verifiedBytes) ?? 0
  }

  unpaidBecauseInactive(address: string | null): boolean {
    return Boolean(address && this.#core?.tipper?.isInactive(address))
  }

  attach(core: TippingSessions): void {
    this.#core = core
    core.subscribe((event) => {
      if (event.type === 'started')
        notices.announce(t('session.started', { budget: formatTrx(event.budgetSun) }))
      if (event.type === 'ended')
        notices.announce(t('session.ended', { note: tStored(event.note, formatTrx) }))
      if (event.type === 'returned')
        notices.announce(t('session.returnedFunds', { note: tStored(event.note, formatTrx) }))
      this.#session = core.session
      this.#balanceSun = core.balanceSun
      this.#busy = core.busy
      this.#stranded = core.stranded
      this.#halted = core.halted
      this.#runningElsewhere = core.runningElsewhere
      this.#resumed = core.resumed
    })
  }

  /** On page load, after the receipts: carries on with a session left open by an earlier visit. */
  load(): Promise<void> {
    return this.#required().load((error) => notices.alert(describeError(error, t('session.resumeFailed'))))
  }

  /** Funds a new session with one wallet transaction, then starts paying peers. */
  async start(
    connection: WalletConnection | null,
    wallet: OwnerWallet,
    rateText: string,
    budgetText: string,
  ): Promise<void> {
    if (!connection) return
    try {
      await this.#required().start(
        connection,
        wallet,
        parseTrxToSun(rateText),
        parseTrxToSun(budgetText),
        settings.maxSessionBudgetSun,
      )
    } catch (error) {
      notices.alert(describeError(error, t('session.startFailed')))
    }
  }

  /** Derives the session wallet again (one wallet prompt) and returns what it holds. */
  async recover(connection: WalletConnection | null, wallet: OwnerWallet): Promise<void> {
    if (!connection) return
    try {
      await this.#required().recover(connection, wallet)
    } catch (error) {
      notices.alert(describeError(error, t('session.returnFundsFailed')))
    }
  }

  /** Sweeps an ended session's wallet back to its owner. */
  async returnFunds(address: string): Promise<void> {
    try {
      await this.#required().returnFunds(address)
    } catch (error) {
      notices.alert(describeError(error, t('session.returnFundsFailed')))
    }
  }

  /** Everything session wallets hold goes back: the open session ends, stranded wallets are swept. */
  async returnAll(): Promise<void> {
    const session = this.#session
    if (session && (session.status === 'active' || session.status === 'ending')) await this.end()
    for (const entry of this.#stranded) await this.returnFunds(entry.session.wallet.address)
  }

  /** Pays what is owed, returns the rest to the wallet, and ends the session. */
  async end(): Promise<void> {
    try {
      await this.#required().end()
    } catch (error) {
      notices.alert(describeError(error, t('session.endFailed')))
    }
  }

  #required(): TippingSessions {
    if (!this.#core) throw new Error('The session store is used before main.ts attached it')
    return this.#core
  }
}

export const sessions = new SessionStore()
