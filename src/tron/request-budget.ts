/**
 * One budget for every request the page sends to TRON nodes: a token bucket (on average `perSecond`
 * requests a second, bursts of `burst`) that a node's "slow down" also pauses for everyone. Public
 * nodes limit per IP, so polls, balance reads and payments share it rather than each backing off alone.
 */
import { sleep, type Clock } from '../shared/poll'

export interface RequestBudgetOptions {
  perSecond: number
  burst: number
}

export class RequestBudget {
  #tokens: number
  #refilledAt: number
  #pausedUntil = 0
  /** Requests wait in order: a poll that came first goes first. */
  #queue: Promise<void> = Promise.resolve()

  constructor(
    private readonly clock: Clock,
    private readonly options: RequestBudgetOptions,
  ) {
    this.#tokens = options.burst
    this.#refilledAt = clock.now()
  }

  /** Resolves when this request may go. */
  take(): Promise<void> {
    const turn = this.#queue.then(() => this.#wait())
    this.#queue = turn
    return turn
  }

  /** Nobody sends before `until` (the node asked to slow down); later pauses win. */
  pauseUntil(until: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, until)
  }

  get pausedUntil(): number {
    return this.#pausedUntil
  }

  async #wait(): Promise<void> {
    for (;;) {
      const now = this.clock.now()
      if (now < this.#pausedUntil) {
        await sleep(this.clock, this.#pausedUntil - now)
        continue
      }
      this.#refill(now)
      if (this.#tokens >= 1) {
        this.#tokens -= 1
        return
      }
      await sleep(this.clock, Math.ceil(((1 - this.#tokens) * 1000) / this.options.perSecond))
    }
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#refilledAt)
    this.#tokens = Math.min(this.options.burst, this.#tokens + (elapsed * this.options.perSecond) / 1000)
    this.#refilledAt = now
  }
}
