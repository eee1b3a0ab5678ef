/**
 * Puts the pieces a player needs next ahead of everything else in WebTorrent's request order.
 *
 * WebTorrent serves its selections by priority, but after filling one connection from a prioritised
 * selection it rotates the prioritised ones, so a file stream reaching to the end of the file (or an
 * old stream the player left open) takes turns with the window at the playhead. Here the window is a
 * selection of its own, above WebTorrent's streams, and the order is restored before each refill.
 * Its pieces are also marked critical, so a faster peer may take over blocks a slower one holds.
 * Above the window: the head of the read the player opened last (WebTorrent adds a stream selection
 * for each read), because a player reads where the window is not (an index at the end of the file).
 */
import { readHead, type PieceWindow } from '../engine/stream-window'
import { streamSelectMembers, type StreamSelectMembers } from './internals'

/** Above WebTorrent's file streams (priority 1) and plain selections (0). */
export const WINDOW_PRIORITY = 2
/** Above the window: the first pieces of the player's newest read. */
export const READ_HEAD_PRIORITY = 3

export class StreamPriority {
  readonly #torrent: StreamSelectMembers | null
  #window: PieceWindow | null = null
  #head: PieceWindow | null = null
  /** The read (stream selection) the head belongs to, so that its end drops the head. */
  #headRead: PieceWindow | null = null
  /** True while this class itself selects or deselects (not a read of the player's). */
  #ours = false

  /** `headPieces`: how many pieces of each new read come first (readHeadPieces). */
  constructor(torrent: unknown, headPieces = 1) {
    this.#torrent = streamSelectMembers(torrent)
    const members = this.#torrent
    if (!members) return
    const refill = members._updateWireWrapper.bind(members)
    members._updateWireWrapper = () => {
      members._selections.sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0))
      refill()
    }
    const select = members._select.bind(members)
    const deselect = members._deselect.bind(members)
    members._select = (from, to, priority, notify, isStreamSelection) => {
      select(from, to, priority, notify, isStreamSelection)
      // A read of a file (WebTorrent's stream selections are priority 1; ours are above).
      if (isStreamSelection && priority < WINDOW_PRIORITY) {
        this.#moveHead(readHead(from, to, headPieces), { from, to })
      }
    }
    members._deselect = (from, to, isStreamSelection) => {
      deselect(from, to, isStreamSelection)
      const read = this.#headRead
      if (this.#ours || !isStreamSelection || !read) return
      if (read.from === from && read.to === to) this.#moveHead(null, null)
    }
  }

  /** The head of the player's newest read (null: none). */
  get head(): PieceWindow | null {
    return this.#head
  }

  /** The window now in force (null: none). */
  get window(): PieceWindow | null {
    return this.#window
  }

  /** Moves the window (null: the player is gone); nothing happens when it did not change. */
  set(next: PieceWindow | null): void {
    const previous = this.#window
    if (!this.#torrent || sameWindow(previous, next)) return
    this.#window = next
    this.#replace(previous, next, WINDOW_PRIORITY)
  }

  #moveHead(next: PieceWindow | null, read: PieceWindow | null): void {
    const previous = this.#head
    this.#headRead = read
    if (sameWindow(previous, next)) return
    this.#head = next
    this.#replace(previous, next, READ_HEAD_PRIORITY)
  }

  /** Selects `next` at `priority` before `previous` goes, so no refill runs without one. */
  #replace(previous: PieceWindow | null, next: PieceWindow | null, priority: number): void {
    const torrent = this.#torrent
    if (!torrent) return
    this.#ours = true
    try {
      if (next) torrent._select(next.from, next.to, priority, null, true)
      if (previous) torrent._deselect(previous.from, previous.to, true)
    } finally {
      this.#ours = false
    }
    if (previous) {
      // WebTorrent never clears its critical marks; pieces the player left may wait their turn again,
      // unless the other range (window or head) still holds them.
      for (let i = previous.from; i <= previous.to; i++) {
        if (!this.#holds(i)) torrent._critical[i] = false
      }
    }
    if (next) torrent.critical(next.from, next.to)
  }

  #holds(piece: number): boolean {
    return [this.#window, this.#head].some((range) => range && range.from <= piece && piece <= range.to)
  }
}

function sameWindow(a: PieceWindow | null, b: PieceWindow | null): boolean {
  return a === b || (a !== null && b !== null && a.from === b.from && a.to === b.to)
}
