/**
 * Automatic tips from a tipping session: every few seconds, each peer that proved an address is
 * owed its verified bytes at the session's rate; once that is worth the fee (./policy.ts) it is paid
 * from the session wallet, through the same write-ahead pipeline as a manual tip. Payments run one
 * at a time, so the budget check always sees every payment before it.
 *
 * Bytes are "billed" before their payment's receipt exists, and given back only when the receipt
 * created for them is final `failed` (never signed, or proven never to land by the expiry rule), read
 * from the receipts, never from a rejected promise: a payment that may have been broadcast is never
 * paid again. An error before any receipt exists (the transfer could not be built, the balance is
 * short) gives them back at once. A reload starts billing from zero for this page load (the meter
 * restarts too); what was verified but not yet paid before a crash stays unpaid, which can only
 * underpay a peer, by less than one batch.
 *
 * One peer's error never stops a round: it is logged and the next peer is paid. The session's own
 * addresses (the owner and the session wallet) are never paid, whoever claims them.
 */
import { t } from '../i18n/translate'
import type { Receipt } from '../tron/receipt'
import type { TipRequest } from '../tron/tip-pipeline'
import { WalletProblemError } from '../tron/wallet-errors'
import type { PayablePeer } from './peer-ledger'
import { owedSun, paymentDue } from './policy'
import { sessionReceipts, type TippingSession } from './session'

export interface AutoTipperDeps {
  peers(): readonly PayablePeer[]
  /**
   * Pays from the session wallet; resolves with the final receipt. `onReceipt` hears of the receipt
   * as soon as it is stored (intent), and of each change.
   */
  pay(request: TipRequest, onReceipt?: (receipt: Receipt) => void): Promise<Receipt>
  /** Every receipt known: the session's own payments are counted against its budget. */
  receipts(): readonly Receipt[]
  /** The fee a payment is weighed against (a plain transfer's burn). */
  transferFeeSun(): Promise<number>
  isActivated(address: string): Promise<boolean>
  torrentName(infoHash: string): string
  /** The budget is used up or the wallet cannot pay: the session should end. */
  onExhausted(reason: string): void
}

export const TICK_MS = 2_000

/** Sun committed by a session: amounts and fees of its tips that did not fail. */
export function spentSun(
  session: TippingSession,
  receipts: readonly Receipt[],
  pendingFeeSun: number,
): number {
  let spent = 0
  for (const receipt of sessionReceipts(session, receipts, 'tip')) {
    if (receipt.status === 'failed') continue
    spent += receipt.amountSun + (receipt.status === 'confirmed' ? (receipt.feeSun ?? 0) : pendingFeeSun)
  }
  return spent
}

export class AutoTipper {
  /**
   * infoHash:connection → verified bytes already paid for (or being paid for) in this page load. Keyed
   * by the connection, never the declared peer id: a connection that claims another's id bills apart.
   */
  readonly #billedBytes = new Map<string, number>()
  /** Receipt id → the bytes it bills, until that receipt is final. */
  readonly #billing = new Map<string, { key: string; bytes: number }>()
  /** Addresses never used on chain: paying them would burn 1.1 TRX more, so they are not paid. */
  readonly #inactive = new Set<string>()
  #timer: ReturnType<typeof setInterval> | null = null
  #round: Promise<void> | null = null

  constructor(
    readonly session: TippingSession,
    private readonly deps: AutoTipperDeps,
  ) {}

  start(): void {
    this.#timer ??= setInterval(() => void this.#runRound(false), TICK_MS)
  }

  /** Stops paying; resolves once the payment in progress, if any, is final. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    await this.#round
  }

  /** The last round, at the end of the session: whatever is owed, unless its fee would exceed it. */
  async settle(): Promise<void> {
    await this.stop()
    await this.#runRound(true)
  }

  /** Sun owed to a connection and not yet paid in this page load. */
  unpaidSun(infoHash: string, connection: string, verifiedBytes: number): number {
    this.#settleBilling()
    const unbilled = verifiedBytes - (this.#billedBytes.get(`${infoHash}:${connection}`) ?? 0)
    return unbilled > 0 ? owedSun(unbilled, this.session.rateSunPerGB) : 0
  }

  isInactive(address: string): boolean {
    return this.#inactive.has(address)
  }

  #runRound(endOfSession: boolean): Promise<void> {
    if (this.#round) return this.#round
    this.#round = this.#payPeers(endOfSession)
      .catch((error: unknown) => {
        // A node outage: nothing was billed for good, the next round tries again.
        console.warn('Automatic tips paused for a round:', error)
      })
      .finally(() => {
        this.#round = null
      })
    return this.#round
  }

  async #payPeers(endOfSession: boolean): Promise<void> {
    this.#settleBilling()
    const peers = this.deps.peers()
    if (peers.length === 0) return
    const feeSun = await this.deps.transferFeeSun()
    for (const peer of peers) {
      if (!endOfSession && !this.#timer) return
      if (peer.address === this.session.owner || peer.address === this.session.wallet.address) continue
      try {
        if ((await this.#payPeer(peer, feeSun, endOfSession)) === 'stop') return
      } catch (error) {
        console.warn(`Automatic tip to ${peer.address} skipped this round:`, error)
      }
    }
  }

  async #payPeer(peer: PayablePeer, feeSun: number, endOfSession: boolean): Promise<'next' | 'stop'> {
    const key = `${peer.infoHash}:${peer.connection}`
    const billed = this.#billedBytes.get(key) ?? 0
    const bytes = peer.verifiedBytes - billed
    if (bytes <= 0) return 'next'
    const budget = {
      budgetSun: this.session.budgetSun,
      spentSun: spentSun(this.session, this.deps.receipts(), feeSun),
      feeSun,
    }
    if (budget.budgetSun - budget.spentSun <= feeSun) {
      this.deps.onExhausted(t('session.budgetUsed'))
      return 'stop'
    }
    const amountSun = paymentDue(owedSun(bytes, this.session.rateSunPerGB), budget, endOfSession)
    if (amountSun <= 0) return 'next'
    if (this.#inactive.has(peer.address) || !(await this.deps.isActivated(peer.address))) {
      this.#inactive.add(peer.address)
      return 'next'
    }
    this.#billedBytes.set(key, billed + bytes)
    let created = false
    try {
      await this.deps.pay(
        {
          to: peer.address,
          amountSun,
          torrent: { infoHash: peer.infoHash, name: this.deps.torrentName(peer.infoHash) },
          peer: peer.peerId,
        },
        (receipt) => {
          if (created) return
          created = true
          this.#billing.set(receipt.id, { key, bytes })
        },
      )
    } catch (error) {
      // No receipt, nothing signed: nothing can be paid, the bytes are owed again. With a receipt,
      // its status alone decides (#settleBilling).
      if (!created) this.#billedBytes.set(key, (this.#billedBytes.get(key) ?? bytes) - bytes)
      if (error instanceof WalletProblemError && error.problem === 'insufficient-balance') {
        this.deps.onExhausted(t('session.walletEmpty'))
        return 'stop'
      }
      throw error
    } finally {
      this.#settleBilling()
    }
    return 'next'
  }

  /** Gives back the bytes of receipts now final `failed`; forgets those confirmed. */
  #settleBilling(): void {
    if (this.#billing.size === 0) return
    const receipts = new Map(this.deps.receipts().map((receipt) => [receipt.id, receipt]))
    for (const [id, { key, bytes }] of this.#billing) {
      const status = receipts.get(id)?.status
      if (status === 'failed') this.#billedBytes.set(key, (this.#billedBytes.get(key) ?? bytes) - bytes)
      if (status === 'failed' || status === 'confirmed') this.#billing.delete(id)
    }
  }
}
