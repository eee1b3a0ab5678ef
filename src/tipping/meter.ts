/**
 * The verified-bytes meter: per peer, the bytes of blocks that belonged to pieces which passed the
 * hash check. A block is only "pending" until its piece is checked; a piece that fails pays nobody
 * and counts a strike against each peer that sent part of it.
 */
export const STRIKES_BEFORE_DROP = 2

export class VerifiedBytesMeter {
  /** piece index → peer → bytes received for it and not yet checked */
  readonly #pending = new Map<number, Map<string, number>>()
  readonly #verified = new Map<string, number>()
  readonly #strikes = new Map<string, number>()

  recordBlock(peer: string, piece: number, bytes: number): void {
    if (!Number.isSafeInteger(bytes) || bytes <= 0) return
    let senders = this.#pending.get(piece)
    if (!senders) {
      senders = new Map()
      this.#pending.set(piece, senders)
    }
    senders.set(peer, (senders.get(peer) ?? 0) + bytes)
  }

  /** Credits the senders of a piece that passed the hash check. */
  pieceVerified(piece: number): void {
    const senders = this.#pending.get(piece)
    this.#pending.delete(piece)
    for (const [peer, bytes] of senders ?? [])
      this.#verified.set(peer, (this.#verified.get(peer) ?? 0) + bytes)
  }

  /** Forgets a failed piece's blocks; returns the peers that have now sent too many bad pieces. */
  pieceFailed(piece: number): string[] {
    const senders = this.#pending.get(piece)
    this.#pending.delete(piece)
    const toDrop: string[] = []
    for (const peer of senders?.keys() ?? []) {
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
  entries(): [peer: string, verifiedBytes: number][] {
    return [...this.#verified.entries()]
  }
}
