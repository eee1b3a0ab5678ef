/**
 * Tells the blocks this client asked a connection for from the `piece` messages nobody asked for.
 * bittorrent-protocol emits `piece` for every piece message, requested or not, at any offset and of
 * any length; only its request callback says that a message answered one of this connection's own
 * requests (same piece, offset and length). So `request` is replaced by an own property that wraps
 * each callback, as paced-uploads.ts does for `piece`.
 */
import { requestMembers } from './internals'

export interface BlockWatcher {
  /** A block that answered this connection's request: the piece, offset and length asked for. */
  answered(piece: number, offset: number, length: number): void
  /**
   * A piece message that answered no request of this connection: unrequested, at another offset or
   * of another length. A late answer to a request this client withdrew (cancelled, timed out,
   * refused on a choke) is not reported: an honest peer sends those in good faith.
   */
  unrequested(piece: number, offset: number, length: number): void
}

/** Withdrawn requests remembered per connection, so that late answers to them are not held against it. */
export const WITHDRAWN_REMEMBERED = 1_024

/**
 * Reports each block of `target` to `watcher`. Returns false when this build lacks the members: then
 * nothing is reported (no credit at all rather than credit for anything).
 */
export function watchRequestedBlocks(target: unknown, watcher: BlockWatcher): boolean {
  const wire = requestMembers(target)
  if (!wire) return false
  const request = wire.request.bind(wire)
  /** The request whose callback ran just before the `piece` event of the same message. */
  let justAnswered: string | null = null
  const withdrawn = new Set<string>()

  wire.request = (index, offset, length, callback) => {
    const key = blockKey(index, offset, length)
    request(index, offset, length, (error, block) => {
      if (!error && block) {
        justAnswered = key
        watcher.answered(index, offset, length)
      } else {
        withdrawn.add(key)
        // The oldest first: a Set iterates in insertion order.
        for (const old of withdrawn) {
          if (withdrawn.size <= WITHDRAWN_REMEMBERED) break
          withdrawn.delete(old)
        }
      }
      callback?.(error, block)
    })
  }
  // Emitted right after the request's callback, in the same call (bittorrent-protocol `_onPiece`).
  wire.on('piece', (index: number, offset: number, block: Uint8Array) => {
    const key = blockKey(index, offset, block.length)
    const answeredNow = justAnswered === key
    justAnswered = null
    if (answeredNow || withdrawn.delete(key)) return
    watcher.unrequested(index, offset, block.length)
  })
  return true
}

function blockKey(index: number, offset: number, length: number): string {
  return `${index}:${offset}:${length}`
}
