/**
 * What the pieces map shows: each piece's state, from the verified bitfield and what the engine says
 * is requested or wanted by the player. Pure, so the classification is tested without WebTorrent.
 */

export const PIECE_MISSING = 0
export const PIECE_IN_FLIGHT = 1
export const PIECE_STREAMED = 2
export const PIECE_VERIFIED = 3
export type PieceState = 0 | 1 | 2 | 3

export interface PieceActivity {
  /** Pieces with blocks requested or received but not yet hash-checked. */
  inFlight: readonly number[]
  /** Inclusive ranges of pieces an open stream (the player) is waiting for. */
  streamed: readonly (readonly [number, number])[]
}

export interface PieceCounts {
  total: number
  verified: number
  inFlight: number
  streamed: number
  missing: number
}

function isVerified(bitfield: Uint8Array | null, index: number): boolean {
  return bitfield !== null && ((bitfield[index >> 3] ?? 0) & (0x80 >> (index % 8))) !== 0
}

/**
 * One state per piece. Verified wins over everything (it is final); a piece being fetched shows as in
 * flight even inside the player's range, so the range reads as "still to come" around the active ones.
 */
export function classifyPieces(
  count: number,
  verified: Uint8Array | null,
  activity: PieceActivity | null,
): Uint8Array {
  const states = new Uint8Array(Math.max(0, count))
  for (const [from, to] of activity?.streamed ?? []) {
    for (let i = Math.max(0, from); i <= Math.min(to, count - 1); i++) states[i] = PIECE_STREAMED
  }
  for (const index of activity?.inFlight ?? []) {
    if (index >= 0 && index < count) states[index] = PIECE_IN_FLIGHT
  }
  for (let i = 0; i < count; i++) if (isVerified(verified, i)) states[i] = PIECE_VERIFIED
  return states
}

export function countPieceStates(states: Uint8Array): PieceCounts {
  const counts = [0, 0, 0, 0]
  for (const state of states) counts[state] = (counts[state] ?? 0) + 1
  return {
    total: states.length,
    missing: counts[PIECE_MISSING] ?? 0,
    inFlight: counts[PIECE_IN_FLIGHT] ?? 0,
    streamed: counts[PIECE_STREAMED] ?? 0,
    verified: counts[PIECE_VERIFIED] ?? 0,
  }
}
