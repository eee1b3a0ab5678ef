/**
 * Recent transfer speeds per torrent, for the speed chart. Memory stays bounded however long a torrent
 * runs (a ring buffer per torrent), and samples are kept once a second even though the store samples
 * four times a second: the chart redraws when a sample arrives, and once a second is plenty to read.
 */

/** The newest `capacity` items, oldest first; pushing onto a full buffer drops the oldest. */
export class RingBuffer<T> {
  readonly capacity: number
  readonly #items: (T | undefined)[]
  #start = 0
  #size = 0

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`Bad ring buffer capacity: ${capacity}`)
    this.capacity = capacity
    this.#items = new Array<T | undefined>(capacity)
  }

  get size(): number {
    return this.#size
  }

  push(item: T): void {
    this.#items[(this.#start + this.#size) % this.capacity] = item
    if (this.#size < this.capacity) this.#size++
    else this.#start = (this.#start + 1) % this.capacity
  }

  /** A copy, oldest first. */
  toArray(): T[] {
    const out: T[] = []
    for (let i = 0; i < this.#size; i++) out.push(this.#items[(this.#start + i) % this.capacity] as T)
    return out
  }
}

export interface SpeedSample {
  /** Epoch milliseconds. */
  at: number
  /** Bytes per second. */
  down: number
  up: number
}

/** Two minutes at one sample a second. */
export const SPEED_HISTORY_SAMPLES = 120
export const SPEED_HISTORY_INTERVAL_MS = 1000

interface Speeds {
  readonly infoHash: string
  readonly downloadSpeed: number
  readonly uploadSpeed: number
}

export class SpeedHistory {
  readonly #byTorrent = new Map<string, RingBuffer<SpeedSample>>()
  readonly #capacity: number
  readonly #intervalMs: number
  #lastAt = -Infinity

  constructor(capacity = SPEED_HISTORY_SAMPLES, intervalMs = SPEED_HISTORY_INTERVAL_MS) {
    this.#capacity = capacity
    this.#intervalMs = intervalMs
  }

  /**
   * Offered every statistics sample; keeps one per interval. Returns whether it kept this one. The
   * tenth of slack absorbs timer jitter, which would otherwise skip every other second.
   */
  record(list: readonly Speeds[], now: number): boolean {
    if (now - this.#lastAt < this.#intervalMs * 0.9) return false
    this.#lastAt = now
    const present = new Set<string>()
    for (const torrent of list) {
      present.add(torrent.infoHash)
      let buffer = this.#byTorrent.get(torrent.infoHash)
      if (!buffer) {
        buffer = new RingBuffer<SpeedSample>(this.#capacity)
        this.#byTorrent.set(torrent.infoHash, buffer)
      }
      buffer.push({ at: now, down: torrent.downloadSpeed, up: torrent.uploadSpeed })
    }
    // A removed torrent's history goes with it.
    for (const infoHash of this.#byTorrent.keys())
      if (!present.has(infoHash)) this.#byTorrent.delete(infoHash)
    return true
  }

  samples(infoHash: string): SpeedSample[] {
    return this.#byTorrent.get(infoHash)?.toArray() ?? []
  }
}
