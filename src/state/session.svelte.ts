/**
 * The tipping session as the UI sees it: a mirror of the session core (src/core/tipping-session.ts),
 * and the start and end intents, whose failures become alerts.
 */
import { t, tStored } from '../i18n/translate'
import { feesSun, tippedSun, type TippingSessions } from '../core/tipping-session'
import { describeError } from '../shared/errors'
import type { SessionStatus, TippingSession } from '../tipping/session'
import { formatTrx, parseTrxToSun } from '../tron/amounts'
import type { Signer } from '../tron/tip-pipeline'
import type { WalletConnection } from '../tron/wallet'
import { notices } from './notices.svelte'
import { receipts } from './receipts.svelte'

class SessionStore {
  #core: TippingSessions | null = null
  // Raw: the record goes back to IndexedDB as it is, and a deep proxy cannot be stored there.
  #session = $state.raw<TippingSession | null>(null)
  #balanceSun = $state<number | null>(null)
  #busy = $state<'starting' | 'ending' | null>(null)
  #halted = $state<string | null>(null)
  #runningElsewhere = $state(false)

  /** The open session, or the last one that ended (for its summary). */
  get session(): TippingSession | null {
    return this.#session
  }
  get status(): SessionStatus | null {
    return this.#session?.status ?? null
  }
  get busy(): 'starting' | 'ending' | null {
    return this.#busy
  }
  /** Why automatic tips stopped before the session ended (budget used up), if they did. */
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
      this.#session = core.session
      this.#balanceSun = core.balanceSun
      this.#busy = core.busy
      this.#halted = core.halted
      this.#runningElsewhere = core.runningElsewhere
    })
  }

  /** On page load, after the receipts: carries on with a session left open by an earlier visit. */
  load(): Promise<void> {
    return this.#required().load((error) => notices.alert(describeError(error, t('session.resumeFailed'))))
  }

  /** Funds a new session with one wallet transaction, then starts paying peers. */
  async start(
    connection: WalletConnection | null,
    signer: Signer,
    rateText: string,
    budgetText: string,
  ): Promise<void> {
    if (!connection) return
    try {
      await this.#required().start(connection, signer, parseTrxToSun(rateText), parseTrxToSun(budgetText))
    } catch (error) {
      notices.alert(describeError(error, t('session.startFailed')))
    }
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
