/**
 * The verified-bytes meter: per peer, the bytes of blocks that belonged to pieces which passed the
 * hash check. A block is only "pending" until its piece is checked; a piece that fails pays nobody
 * and, when one peer sent all of it, counts a strike against that peer.
 */
export const STRIKES_BEFORE_DROP = 2

export class VerifiedBytesMeter {
  /** piece index → block offset → the peer whose copy of the block arrived first, and its size */
  readonly #pending = new Map<number, Map<number, { peer: string; bytes: number }>>()
  readonly #verified = new Map<string, number>()
  readonly #strikes = new Map<string, number>()

  /**
   * Only the first copy of a block counts: near the end of a download the same block is requested
   * from several peers, and the later copies are discarded, so they are worth nothing to us.
   */
  recordBlock(peer: string, piece: number, offset: number, bytes: number): void {
    if (!Number.isSafeInteger(bytes) || bytes <= 0 || !Number.isSafeInteger(offset)) return
    let blocks = this.#pending.get(piece)
    if (!blocks) {
      blocks = new Map()
      this.#pending.set(piece, blocks)
    }
    if (!blocks.has(offset)) blocks.set(offset, { peer, bytes })
  }

  /** Credits the senders of a piece that passed the hash check. */
  pieceVerified(piece: number): void {
    const blocks = this.#pending.get(piece)
    this.#pending.delete(piece)
    for (const { peer, bytes } of blocks?.values() ?? [])
      this.#verified.set(peer, (this.#verified.get(peer) ?? 0) + bytes)
  }

  /** Forgets a failed piece's blocks; returns the peers that have now sent too many bad pieces. */
  pieceFailed(piece: number): string[] {
    const blocks = this.#pending.get(piece)
    this.#pending.delete(piece)
    const senders = new Set([...(blocks?.values() ?? [])].map((block) => block.peer))
    // A piece assembled from several peers does not say which one lied: nobody is paid for it, and
    // only a piece that one peer sent alone counts against that peer (a liar soon sends one).
    if (senders.size !== 1) return []
    const toDrop: string[] = []
    for (const peer of senders) {
      const strikes = (this.#strikes.get(peer) ?? 0) + 1
      this.#strikes.set(peer, strikes)
      if (strikes >= STRIKES_BEFORE_DROP) toDrop.push(peer)
    }
    return toDrop
  }

  verifiedBytes(peer: string): number {
    return this.#verified.get(peer) ?? 0
  }

  strikes(peer: string): number {
    return this.#strikes.get(peer) ?? 0
  }

  /** Peers seen so far with what they are credited. */
}
