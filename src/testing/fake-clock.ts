import type { SchedulerClock } from '../torrent/engine/upload-scheduler'

/**
 * A clock for the upload tests: time moves only when the test says so. `granularityMs` rounds timers
 * up the way a hidden tab does.
 */
export class FakeClock implements SchedulerClock {
  time = 0
  readonly #timers = new Set<{ at: number; callback: () => void }>()
  readonly #granularityMs: number

  constructor(granularityMs = 1) {
    this.#granularityMs = granularityMs
  }

  now(): number {
    return this.time
  }

  after(ms: number, callback: () => void): () => void {
    const at = Math.ceil((this.time + ms) / this.#granularityMs) * this.#granularityMs
    const timer = { at, callback }
    this.#timers.add(timer)
    return () => this.#timers.delete(timer)
  }

  get pendingTimers(): number {
    return this.#timers.size
  }

  /** Moves time forward, firing the timers that fall due on the way, in order. */
  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      const due = [...this.#timers].filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      this.#timers.delete(due)
      this.time = due.at
      due.callback()
    }
    this.time = end
  }
}
