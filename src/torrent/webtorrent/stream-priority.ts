/**
 * Puts the pieces a player needs next ahead of everything else in WebTorrent's request order.
 *
 * WebTorrent serves its selections by priority, but after filling one connection from a prioritised
 * selection it rotates the prioritised ones, so a file stream reaching to the end of the file (or an
 * old stream the player left open) takes turns with the window at the playhead. Here the window is a
 * selection of its own, above WebTorrent's streams, and the order is restored before each refill.
 * Its pieces are also marked critical, so a faster peer may take over blocks a slower one holds.
 */
import type { PieceWindow } from '../engine/stream-window'
import { streamSelectMembers, type StreamSelectMembers } from './internals'

/** Above WebTorrent's file streams (priority 1) and plain selections (0). */
export const WINDOW_PRIORITY = 2

export class StreamPriority {
  readonly #torrent: StreamSelectMembers | null
  #window: PieceWindow | null = null

  constructor(torrent: unknown) {
    this.#torrent = streamSelectMembers(torrent)
    const members = this.#torrent
    if (!members) return
    const refill = members._updateWireWrapper.bind(members)
    members._updateWireWrapper = () => {
      members._selections.sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0))
      refill()
    }
  }

  /** The window now in force (null: none). */
  get window(): PieceWindow | null {
    return this.#window
  }

  /** Moves the window (null: the player is gone); nothing happens when it did not change. */
  set(next: PieceWindow | null): void {
    const torrent = this.#torrent
    const previous = this.#window
    if (!torrent || sameWindow(previous, next)) return
    this.#window = next
    // The new window is selected before the old one goes, so no refill runs without one.
    if (next) torrent._select(next.from, next.to, WINDOW_PRIORITY, null, true)
    if (previous) {
      torrent._deselect(previous.from, previous.to, true)
      // WebTorrent never clears its critical marks; pieces the player left may wait their turn again.
      for (let i = previous.from; i <= previous.to; i++) torrent._critical[i] = false
    }
    if (next) torrent.critical(next.from, next.to)
  }
}

function sameWindow(a: PieceWindow | null, b: PieceWindow | null): boolean {
  return a === b || (a !== null && b !== null && a.from === b.from && a.to === b.to)
}
