/**
 * The verified-bytes meter: per connection, the bytes of blocks this client requested from that
 * connection and that belonged to pieces which passed the hash check. A block is only "pending" until
 * its piece is checked; a piece that fails pays nobody and, when one connection sent all of it,
 * counts a strike against that connection.
 *
 * Connections are opaque handles given by the caller (never a peer id a remote can claim), so a new
 * connection never inherits what another one sent.
 */
export const STRIKES_BEFORE_DROP = 2
/**
 * Blocks of one connection waiting for their piece's check: 64 MiB of 16 KiB blocks, far more than
 * WebTorrent keeps in flight. Beyond it, blocks are not recorded (and earn nothing), so that no
 * connection can grow this client's memory without bound.
 */
export const MAX_PENDING_BLOCKS_PER_CONNECTION = 4_096

interface PendingBlock {
  connection: string
  offset: number
  bytes: number
}

interface PendingPiece {
  length: number
  /** block offset → the connection whose copy of the block arrived first, and its size */
  blocks: Map<number, PendingBlock>
}

export class VerifiedBytesMeter {
  readonly #pending = new Map<number, PendingPiece>()
  readonly #pendingCount = new Map<string, number>()
  readonly #verified = new Map<string, number>()
  readonly #strikes = new Map<string, number>()

  /**
   * Records a block that answered a request of `connection`. Only the first copy of a block counts:
   * near the end of a download the same block is requested from several peers, and the later copies
   * are discarded, so they are worth nothing to us. A block outside its piece is not recorded.
   */
  recordBlock(connection: string, piece: number, offset: number, bytes: number, pieceLength: number): void {
    if (![piece, offset, bytes, pieceLength].every(Number.isSafeInteger)) return
    if (piece < 0 || offset < 0 || bytes <= 0 || offset + bytes > pieceLength) return
    const count = this.#pendingCount.get(connection) ?? 0
    if (count >= MAX_PENDING_BLOCKS_PER_CONNECTION) return
    let pending = this.#pending.get(piece)
    if (!pending) {
      pending = { length: pieceLength, blocks: new Map() }
      this.#pending.set(piece, pending)
    }
    if (pending.length !== pieceLength || pending.blocks.has(offset)) return
    pending.blocks.set(offset, { connection, offset, bytes })
    this.#pendingCount.set(connection, count + 1)
  }

  /**
   * Credits the senders of a piece that passed the hash check: never more than the piece's length in
   * all, and no byte twice (blocks are credited in offset order, overlaps cut off).
   */
  pieceVerified(piece: number): void {
    const pending = this.#take(piece)
    if (!pending) return
    let covered = 0
    for (const block of [...pending.blocks.values()].sort((a, b) => a.offset - b.offset)) {
      const start = Math.max(block.offset, covered)
      const end = Math.min(block.offset + block.bytes, pending.length)
      if (end <= start) continue
      covered = end
      this.#verified.set(block.connection, (this.#verified.get(block.connection) ?? 0) + end - start)
    }
  }

  /** Forgets a failed piece's blocks; returns the connections that have now sent too many bad pieces. */
  pieceFailed(piece: number): string[] {
    const pending = this.#take(piece)
    const senders = new Set([...(pending?.blocks.values() ?? [])].map((block) => block.connection))
    // A piece assembled from several peers does not say which one lied: nobody is paid for it, and
    // only a piece that one connection sent alone counts against it (a liar soon sends one).
    if (senders.size !== 1) return []
    const toDrop: string[] = []
    for (const connection of senders) {
      const strikes = (this.#strikes.get(connection) ?? 0) + 1
      this.#strikes.set(connection, strikes)
      if (strikes >= STRIKES_BEFORE_DROP) toDrop.push(connection)
    }
    return toDrop
  }

  verifiedBytes(connection: string): number {
    return this.#verified.get(connection) ?? 0
  }

  strikes(connection: string): number {
    return this.#strikes.get(connection) ?? 0
  }

  /** Blocks of `connection` waiting for their piece's check. */
  pendingBlocks(connection: string): number {
    return this.#pendingCount.get(connection) ?? 0
  }

  #take(piece: number): PendingPiece | undefined {
    const pending = this.#pending.get(piece)
    this.#pending.delete(piece)
    for (const { connection } of pending?.blocks.values() ?? []) {
      const left = (this.#pendingCount.get(connection) ?? 1) - 1
      if (left > 0) this.#pendingCount.set(connection, left)
      else this.#pendingCount.delete(connection)
    }
    return pending
  }
}
