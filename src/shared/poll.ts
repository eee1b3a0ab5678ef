/** The one way the app waits for something: ask, sleep on a clock, ask again. */

/**
 * Wall-clock time and timers, the only way the workflows wait or poll. Tests pass clocks that move
 * by hand (src/testing/fake-clock.ts) or jump (src/testing/money-fakes.ts) instead of waiting.
 */
export interface Clock {
  now(): number
  /** Runs `callback` once after `milliseconds`; the returned function cancels it. */
  after(milliseconds: number, callback: () => void): () => void
}

/** The real clock: Date.now and timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  after(milliseconds, callback) {
    const timer = setTimeout(callback, milliseconds)
    return () => clearTimeout(timer)
  },
}

export function sleep(clock: Clock, milliseconds: number): Promise<void> {
  return new Promise((resolve) => clock.after(milliseconds, resolve))
}

/**
 * Asks `check` until it returns a value other than undefined, sleeping `intervalMs` between asks.
 * `check` may decide to give up by returning a value of its own (null, say).
 */
export async function pollUntil<T>(
  clock: Clock,
  intervalMs: number,
  check: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    await sleep(clock, intervalMs)
  }
}

/**
 * Runs `work` now and every `intervalMs` after it finished, until the returned stop is called.
 * `work` must not throw (it is a sampler: it keeps the last good value when a read fails).
 */
export function repeat(clock: Clock, intervalMs: number, work: () => Promise<void>): () => void {
  let stopped = false
  void (async () => {
    while (!stopped) {
      await work()
      if (stopped) return
      await sleep(clock, intervalMs)
    }
  })()
  return () => {
    stopped = true
  }
}
