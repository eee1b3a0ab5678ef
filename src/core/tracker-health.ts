/**
 * Which trackers are failing, from the engine's warnings: a tracker named in a warning counts one
 * more failure, and is forgotten as soon as a connection to it opens again.
 */
import type { EngineEvent } from '../torrent/engine/engine'
import { trackerNamedInWarning } from '../torrent/input/trackers'
import type { Clock } from './ports'

export interface TrackerProblem {
  url: string
  failures: number
  lastFailureAt: number
}

export class TrackerHealth {
  readonly #clock: Clock
  readonly #problems = new Map<string, TrackerProblem>()

  constructor(clock: Clock) {
    this.#clock = clock
  }

  get problems(): TrackerProblem[] {
    return [...this.#problems.values()]
  }

  /** Takes in a warning or a tracker connection; returns whether the problems changed. */
  heard(event: Extract<EngineEvent, { type: 'warning' | 'tracker-connected' }>): boolean {
    if (event.type === 'tracker-connected') return this.#problems.delete(event.url)
    const url = trackerNamedInWarning(event.message)
    if (!url) return false
    const failures = (this.#problems.get(url)?.failures ?? 0) + 1
    this.#problems.set(url, { url, failures, lastFailureAt: this.#clock.now() })
    return true
  }
}
