/**
 * How the pieces the player needs next are asked of peers: which connections first, how many blocks
 * each keeps in flight, and in what order. Pure: the WebTorrent patch (stream-priority.ts) applies it.
 *
 * WebTorrent keeps 2 blocks plus one second of a connection's measured rate in flight; a new
 * connection has no rate yet, so the first megabyte of a stream took dozens of round trips. Window
 * blocks are asked deeper from the first request. A connection asks for pieces outside the window
 * (WebTorrent's own order) only when it has no window block left to ask for.
 */
import type { PieceWindow } from './stream-window'

/** BitTorrent's request size (bytes), what WebTorrent asks per request. */
export const BLOCK_BYTES = 16 * 1024
/** Window blocks in flight on a connection before its rate is known: half a megabyte. */
export const WINDOW_MIN_BLOCKS = 32
/** Seconds of a connection's measured rate kept in flight for the window (WebTorrent keeps one). */
export const WINDOW_PIPELINE_SECONDS = 2

/**
 * Blocks to keep in flight on one connection for the window, given its measured rate; never more
 * than the peer's announced request queue (`reqq`, BEP 10) when it gave one.
 */
export function windowPipelineBlocks(bytesPerSecond: number, reqq?: number): number {
  const rate = Number.isFinite(bytesPerSecond) && bytesPerSecond > 0 ? bytesPerSecond : 0
  const depth = Math.max(WINDOW_MIN_BLOCKS, 2 + Math.ceil((WINDOW_PIPELINE_SECONDS * rate) / BLOCK_BYTES))
  return reqq !== undefined && Number.isInteger(reqq) && reqq > 0 ? Math.min(depth, reqq) : depth
}

/**
 * The rate at which WebTorrent's own limit (2 blocks plus one second of the rate) allows `blocks` in
 * flight: what the connection's rate reads as while window blocks are asked.
 */
export function rateAllowing(blocks: number): number {
  return Math.max(0, blocks - 2) * BLOCK_BYTES
}

/** Connections in the order they are offered window blocks: the fastest first (stable for equals). */
export function fastestFirst<T>(connections: readonly T[], rateOf: (connection: T) => number): T[] {
  return connections
    .map((connection, order) => ({ connection, order, rate: rateOf(connection) || 0 }))
    .sort((a, b) => b.rate - a.rate || a.order - b.order)
    .map(({ connection }) => connection)
}

/**
 * The pieces to ask for, in order: the player's read head, then the window, each from its start;
 * a piece in both comes once; verified pieces are left out.
 */
export function windowPieces(
  ranges: readonly (PieceWindow | null)[],
  verified: (index: number) => boolean,
): number[] {
  const seen = new Set<number>()
  const pieces: number[] = []
  for (const range of ranges) {
    if (!range) continue
    for (let index = range.from; index <= range.to; index++) {
      if (seen.has(index) || verified(index)) continue
      seen.add(index)
      pieces.push(index)
    }
  }
  return pieces
}
