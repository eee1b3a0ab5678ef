/** What the pieces map shows beyond the verified bitfield, read from WebTorrent's piece bookkeeping. */
import type { PieceActivity } from '../storage/piece-map'
import { activityMembers, isPieceProgress, isSelection, patchOff } from './internals'

/** Without the members (another webtorrent build) the map shows no piece in flight and no stream. */
export function pieceActivityOf(torrent: unknown): PieceActivity {
  const none: PieceActivity = { inFlight: [], streamed: [] }
  const members = activityMembers(torrent)
  if (!members) return none
  const inFlight: number[] = []
  // A piece with a block requested or received but not yet hash-checked; verified ones are null.
  for (const [index, piece] of members.pieces.entries()) {
    if (piece === null || piece === undefined) continue
    if (!isPieceProgress(piece)) {
      patchOff('piece-activity', 'piece counters (_reservations, missing, length)')
      return none
    }
    if (piece._reservations > 0 || piece.missing < piece.length) inFlight.push(index)
  }
  // What the player is reading is not tracked by WebTorrent; this approximates it by the ranges open
  // streams still wait for: from each stream's first unverified piece to the end of its range.
  const streamed: [number, number][] = []
  for (const selection of members._selections) {
    if (!isSelection(selection)) {
      patchOff('piece-activity', 'selection ranges (from, to, offset, isStreamSelection)')
      return none
    }
    if (selection.isStreamSelection) streamed.push([selection.from + selection.offset, selection.to])
  }
  return { inFlight, streamed }
}
