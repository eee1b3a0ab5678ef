/**
 * Paces the blocks we upload to a rate and decides whose block goes next: peers who paid us first,
 * peers who did not still progress. Pure (no WebTorrent, clock injected), so the policy can be tested
 * on a fake clock.
 *
 * Two lanes share the limit by weight (9:1) whenever both have blocks waiting; within a lane the
 * connection that has waited longest goes next. Nothing lets a connection jump out of its lane's
 * share: connections cost nothing to open, so any rule that served each one on its own account
 * would let many free ones together take what the paying ones were promised.
 */

export interface SchedulerClock {
  /** Milliseconds on a monotonic clock. */
  now(): number
  /** Runs `callback` once after `ms`; the returned function cancels it. */
  after(ms: number, callback: () => void): () => void
}

/**
 * Puts one queued block on the wire. Returns false when there was nothing left to send (the request
 * was cancelled, the peer choked or left), so that a block that never went out costs no allowance.
 */
export type SendBlock = () => boolean

export interface SchedulerOptions {
  /** Blocks one connection may have waiting; requests beyond it are refused. */
  maxQueuedPerConnection?: number
}

/** Under contention, paying peers get nine bytes for every byte that goes to the others. */
export const PREFERRED_WEIGHT = 9
export const OTHER_WEIGHT = 1
/**
 * Far above what a well-behaved peer keeps outstanding (a few seconds' worth at the rate it gets):
 * the cap only bounds the memory a peer that floods us with requests can pin.
 */
export const MAX_QUEUED_PER_CONNECTION = 512
/**
 * WebTorrent drops a connection on which requests have gone this long without any answer. Taking
 * turns within a lane keeps every connection under it as long as its lane's share allows: the free
 * lane's tenth of the limit, shared by N connections, gives each a 16 KiB block every
 * N × 10 × 16 KiB / limit, i.e. up to 18 free connections at 100 kB/s, 11 at 64 kB/s. Beyond that
 * (a very low limit or many free connections) each free connection waits longer and the peer at
 * the other end drops it. That is the intended trade: the paying peers' nine tenths are the promise,
 * and a free peer's lost connection costs it only a reconnect, where borrowing from the paying share
 * to keep it would let anyone take that share by opening more connections.
 */
export const PEER_REQUEST_TIMEOUT_MS = 30_000
/** The block size BitTorrent clients request: the bucket always holds one, however low the rate. */
const BLOCK_BYTES = 16_384
/** What an idle period may bank: a short burst, not a flood after a pause. */
const IDLE_BURST_SECONDS = 0.1
/** Hidden tabs run timers about once a second; a late timer must not cost throughput while busy. */
const LATE_TIMER_SECONDS = 1

interface QueuedBlock {
  readonly bytes: number
  readonly send: SendBlock
  readonly since: number
}

/** One priority class. */
class Lane<K> {
  readonly weight: number
  /** Connections with blocks waiting, in round-robin order: the first one is served next. */
  readonly queues = new Map<K, QueuedBlock[]>()
  /** Bytes served divided by the weight: of two busy lanes, the one further behind goes next. */
  share = 0

  constructor(weight: number) {
    this.weight = weight
  }
}

interface Turn<K> {
  readonly lane: Lane<K>
  readonly key: K
  readonly queue: QueuedBlock[]
  readonly block: QueuedBlock
}

interface ConnectionState {
  /** Blocks waiting in either lane (a peer can be in both if it started paying meanwhile). */
  queued: number
  servedAt: number
}

export class UploadScheduler<K> {
  readonly #clock: SchedulerClock
  readonly #maxQueued: number
  readonly #preferred = new Lane<K>(PREFERRED_WEIGHT)
  readonly #other = new Lane<K>(OTHER_WEIGHT)
  readonly #connections = new Map<K, ConnectionState>()
  #queued = 0
  /** Bytes per second, or null when uploads are not limited (blocks pass straight through). */
  #rate: number | null = null
  /** Negative after a block larger than the bucket: the debt is paid before the next one. */
  #tokens = 0
  #refilledAt = 0
  #cancelWake: (() => void) | null = null
  #pumping = false

  constructor(clock: SchedulerClock, options: SchedulerOptions = {}) {
    this.#clock = clock
    this.#maxQueued = options.maxQueuedPerConnection ?? MAX_QUEUED_PER_CONNECTION
  }

  /** False when there is no limit: callers may then send directly and skip the closure. */
  get paced(): boolean {
    return this.#rate !== null
  }

  get queuedBlocks(): number {
    return this.#queued
  }

  /**
   * Sends the block now or when its turn comes. Returns false when the connection already has its
   * quota of blocks waiting: the block is not queued and `send` will never be called.
   */
  enqueue(key: K, preferred: boolean, bytes: number, send: SendBlock): boolean {
    if (this.#rate === null) {
      send()
      return true
    }
    const connection = this.#connections.get(key) ?? { queued: 0, servedAt: -Infinity }
    if (connection.queued >= this.#maxQueued) return false
    this.#refill()
    const lane = preferred ? this.#preferred : this.#other
    if (lane.queues.size === 0) this.#laneWakes(lane)
    const block = { bytes, send, since: this.#clock.now() }
    const queue = lane.queues.get(key)
    if (queue) queue.push(block)
    else lane.queues.set(key, [block])
    connection.queued++
    this.#connections.set(key, connection)
    this.#queued++
    this.#pump()
    return true
  }

  /** Forgets every block waiting for this connection; their `send` is never called. */
  dropConnection(key: K): void {
    const connection = this.#connections.get(key)
    if (!connection) return
    this.#refill()
    this.#preferred.queues.delete(key)
    this.#other.queues.delete(key)
    this.#connections.delete(key)
    this.#queued -= connection.queued
    if (this.#queued === 0) this.#sleep()
  }

  /** null lifts the limit: everything waiting is sent at once and later blocks pass straight through. */
  setRate(bytesPerSecond: number | null): void {
    if (bytesPerSecond === null) {
      this.#rate = null
      this.#flush()
      return
    }
    if (!(Number.isFinite(bytesPerSecond) && bytesPerSecond > 0)) {
      throw new RangeError(
        `An upload rate must be a positive number of bytes per second, not ${bytesPerSecond}`,
      )
    }
    if (this.#rate === null) {
      // A new limit starts with a full bucket.
      this.#tokens = Infinity
      this.#refilledAt = this.#clock.now()
    } else this.#refill()
    this.#rate = bytesPerSecond
    this.#tokens = Math.min(this.#tokens, capacity(bytesPerSecond))
    this.#sleep()
    this.#pump()
  }

  #pump(): void {
    // A send that leads straight to another enqueue must not start a second loop inside this one.
    if (this.#pumping) return
    this.#pumping = true
    try {
      while (this.#rate !== null && this.#queued > 0) {
        this.#refill()
        const turn = this.#nextTurn()
        const needed = Math.min(turn.block.bytes, capacity(this.#rate))
        if (this.#tokens < needed) {
          this.#wakeIn(((needed - this.#tokens) / this.#rate) * 1000)
          return
        }
        this.#take(turn)
        if (turn.block.send()) {
          this.#tokens -= turn.block.bytes
          turn.lane.share += turn.block.bytes / turn.lane.weight
          const connection = this.#connections.get(turn.key)
          if (connection) connection.servedAt = this.#clock.now()
        }
      }
      this.#sleep()
    } finally {
      this.#pumping = false
    }
  }

  #nextTurn(): Turn<K> {
    const turn = this.#longestWaiting(this.#laneToServe())
    // Unreachable: #pump asks only when something is queued, and a lane keeps no empty queues.
    if (!turn) throw new Error('The upload scheduler has no block to serve')
    return turn
  }

  /**
   * The lane's connection that has gone longest without a block (since its oldest waiting request
   * or its last block, whichever is later); on a tie, the first in round-robin order. This is the
   * anti-starvation rule, and it stays inside the lane: the lane's turn comes from its weight alone.
   * A connection waiting in both lanes (it started paying meanwhile) counts a block from either.
   */
  #longestWaiting(lane: Lane<K>): Turn<K> | null {
    let found: Turn<K> | null = null
    let waitingSince = Infinity
    for (const [key, queue] of lane.queues) {
      const block = queue[0]
      if (!block) continue
      const servedAt = this.#connections.get(key)?.servedAt ?? -Infinity
      const since = Math.max(block.since, servedAt)
      if (since < waitingSince) {
        waitingSince = since
        found = { lane, key, queue, block }
      }
    }
    return found
  }

  #laneToServe(): Lane<K> {
    if (this.#preferred.queues.size === 0) return this.#other
    if (this.#other.queues.size === 0) return this.#preferred
    return this.#other.share < this.#preferred.share ? this.#other : this.#preferred
  }

  /**
   * A lane that had nothing to send starts level with the busy one (or both restart from zero):
   * time spent idle is not credit to spend later at the other lane's expense.
   */
  #laneWakes(lane: Lane<K>): void {
    const other = lane === this.#preferred ? this.#other : this.#preferred
    if (other.queues.size === 0) {
      lane.share = 0
      other.share = 0
    } else lane.share = Math.max(lane.share, other.share)
  }

  /** Removes the turn's block and moves its connection to the back of its lane. */
  #take(turn: Turn<K>): void {
    turn.queue.shift()
    turn.lane.queues.delete(turn.key)
    if (turn.queue.length > 0) turn.lane.queues.set(turn.key, turn.queue)
    const connection = this.#connections.get(turn.key)
    if (connection && --connection.queued === 0) this.#connections.delete(turn.key)
    this.#queued--
  }

  #refill(): void {
    const now = this.#clock.now()
    if (this.#rate !== null) {
      const ceiling =
        this.#queued > 0
          ? Math.max(capacity(this.#rate), this.#rate * LATE_TIMER_SECONDS)
          : capacity(this.#rate)
      this.#tokens = Math.min(ceiling, this.#tokens + ((now - this.#refilledAt) * this.#rate) / 1000)
    }
    this.#refilledAt = now
  }

  #flush(): void {
    this.#sleep()
    const waiting = [this.#preferred, this.#other].flatMap((lane) => [...lane.queues.values()].flat())
    for (const lane of [this.#preferred, this.#other]) {
      lane.queues.clear()
      lane.share = 0
    }
    this.#connections.clear()
    this.#queued = 0
    for (const block of waiting) block.send()
  }

  #wakeIn(ms: number): void {
    this.#sleep()
    this.#cancelWake = this.#clock.after(Math.max(1, Math.ceil(ms)), () => {
      this.#cancelWake = null
      this.#pump()
    })
  }

  #sleep(): void {
    this.#cancelWake?.()
    this.#cancelWake = null
  }
}

/** The bucket's size when idle: one block or a tenth of a second, whichever is larger. */
function capacity(rate: number): number {
  return Math.max(BLOCK_BYTES, rate * IDLE_BURST_SECONDS)
}
