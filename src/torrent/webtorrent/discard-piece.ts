/**
 * Takes back a piece WebTorrent holds as verified (its stored copy turned out damaged), so that it is
 * requested again. WebTorrent has no public way to do this.
 */
import { discardMembers } from './internals'

/** Without the members (another webtorrent build) the piece stays as WebTorrent holds it. */
export function discardVerifiedPiece(torrent: unknown, index: number): void {
  const members = discardMembers(torrent)
  if (!members) return
  // A verified piece has no reservation list; requesting it again needs an empty one.
  members._reservations[index] = []
  members._markUnverified(index)
  // Un-marks "done" and re-announces to the tracker when the torrent had been complete.
  members._checkDone()
  members._update()
}
