/** The one way the app waits for something: ask, sleep on a clock, ask again. */

/** Time, and waiting for it. Tests pass a clock that jumps instead of waiting. */
export interface Clock {
  now(): number
  sleep(milliseconds: number): Promise<void>
}

/** The real clock: Date.now and timers. */
export const timerClock: Clock = {
  now: () => Date.now(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
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
    await clock.sleep(intervalMs)
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
      await clock.sleep(intervalMs)
    }
  })()
  return () => {
    stopped = true
  }
}
