/**
 * Automatic tips from a tipping session: every few seconds, each peer that proved an address is
 * owed its verified bytes at the session's rate; once that is worth the fee (./policy.ts) it is paid
 * from the session wallet, through the same write-ahead pipeline as a manual tip. Payments run one
 * at a time, so the budget check always sees every payment before it.
 *
 * Bytes are "billed" before their payment's receipt exists, and given back only if the payment
 * surely failed, so a slow or retried payment never pays the same bytes twice. A reload starts
 * billing from zero for this page load (the meter restarts too); what was verified but not yet paid
 * before a crash stays unpaid, which can only underpay a peer, by less than one batch.
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
  /** Pays from the session wallet; resolves with the final receipt. */
  pay(request: TipRequest): Promise<Receipt>
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
    const peers = this.deps.peers()
    if (peers.length === 0) return
    const feeSun = await this.deps.transferFeeSun()
    for (const peer of peers) {
      if (!endOfSession && !this.#timer) return
      const key = `${peer.infoHash}:${peer.connection}`
      const billed = this.#billedBytes.get(key) ?? 0
      const bytes = peer.verifiedBytes - billed
      if (bytes <= 0) continue
      const budget = {
        budgetSun: this.session.budgetSun,
        spentSun: spentSun(this.session, this.deps.receipts(), feeSun),
        feeSun,
      }
      if (budget.budgetSun - budget.spentSun <= feeSun) {
        this.deps.onExhausted(t('session.budgetUsed'))
        return
      }
      const amountSun = paymentDue(owedSun(bytes, this.session.rateSunPerGB), budget, endOfSession)
      if (amountSun <= 0) continue
      if (this.#inactive.has(peer.address) || !(await this.deps.isActivated(peer.address))) {
        this.#inactive.add(peer.address)
        continue
      }
      this.#billedBytes.set(key, billed + bytes)
      const receipt = await this.deps
        .pay({
          to: peer.address,
          amountSun,
          torrent: { infoHash: peer.infoHash, name: this.deps.torrentName(peer.infoHash) },
          peer: peer.peerId,
        })
        .catch((error: unknown) => {
          this.#billedBytes.set(key, billed)
          if (error instanceof WalletProblemError && error.problem === 'insufficient-balance') {
            this.deps.onExhausted(t('session.walletEmpty'))
            return null
          }
          throw error
        })
      if (!receipt) return
      if (receipt.status === 'failed') this.#billedBytes.set(key, billed)
    }
  }
}
