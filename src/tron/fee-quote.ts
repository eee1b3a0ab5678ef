/**
 * The fee shown in the tip dialog while the person types: asked for a moment after typing pauses
 * (each estimate is several node requests), and only the answer for the latest input is shown.
 */
import { systemClock, type Clock } from '../shared/poll'
import { parseTrxToSun } from './amounts'
import type { FeeEstimate } from './chain'
import { looksLikeTronAddress } from './networks'
import { prepareTip } from './tip-pipeline'
import type { WalletConnection } from './wallet'

/** Typing pauses this long before the fee is asked for. */
export const ESTIMATE_DELAY_MS = 300

/** What the dialog holds when the timer fires. */
export interface TipInput {
  connection: WalletConnection | null
  recipient: string
  amountText: string
}

export type Estimator = (
  connection: WalletConnection,
  request: { to: string; amountSun: number },
) => Promise<FeeEstimate>

/** Builds the transfer on the wallet's node and prices it, as sending will. */
const estimateTip: Estimator = async (connection, request) => (await prepareTip(connection, request)).estimate

export interface FeeQuoteOptions {
  /** Read when the delay has passed, so the latest typing counts. */
  read: () => TipInput
  /** Receives each estimate that is still current, or null when there is none to show. */
  onQuote: (estimate: FeeEstimate | null) => void
  clock?: Clock
  estimate?: Estimator
}

export class FeeQuote {
  readonly #read: () => TipInput
  readonly #onQuote: (estimate: FeeEstimate | null) => void
  readonly #clock: Clock
  readonly #estimate: Estimator
  #cancelTimer: () => void = () => {}
  /** Counts the asks: an answer counts only if no later ask started while it was on its way. */
  #generation = 0

  constructor(options: FeeQuoteOptions) {
    this.#read = options.read
    this.#onQuote = options.onQuote
    this.#clock = options.clock ?? systemClock
    this.#estimate = options.estimate ?? estimateTip
  }

  /** Call on every keystroke: the estimate is asked once typing has paused. */
  schedule(): void {
    this.#cancelTimer()
    this.#cancelTimer = this.#clock.after(ESTIMATE_DELAY_MS, () => void this.#update())
  }

  /** Forgets the waiting ask and any answer still on its way (the dialog was opened afresh). */
  cancel(): void {
    this.#cancelTimer()
    this.#generation++
  }

  async #update(): Promise<void> {
    const generation = ++this.#generation
    const { connection, recipient, amountText } = this.#read()
    const amountSun = parsedAmount(amountText)
    const to = recipient.trim()
    if (!connection || amountSun === null || !looksLikeTronAddress(to)) {
      this.#onQuote(null)
      return
    }
    let estimate: FeeEstimate | null
    try {
      estimate = await this.#estimate(connection, { to, amountSun })
    } catch {
      // The send step reports problems; an estimate is a courtesy.
      estimate = null
    }
    if (generation === this.#generation) this.#onQuote(estimate)
  }
}

function parsedAmount(text: string): number | null {
  try {
    return parseTrxToSun(text)
  } catch {
    return null
  }
}
