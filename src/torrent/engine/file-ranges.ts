/** Which bytes of a file can be read without waiting: those whose pieces have passed their hash check. */

/**
 * The end (exclusive, in file bytes) of the run of verified bytes from `start`, at most `end`: the
 * file's bytes sit at `fileOffset` in the torrent, and bit i of `bitfield` (first bit highest) says
 * piece i is verified.
 */
export function verifiedRunEnd(
  bitfield: Uint8Array,
  pieceLength: number,
  fileOffset: number,
  start: number,
  end: number,
): number {
  if (pieceLength <= 0) return start
  let reached = start
  while (reached < end) {
    const piece = Math.floor((fileOffset + reached) / pieceLength)
    if ((((bitfield[piece >> 3] ?? 0) >> (7 - (piece & 7))) & 1) === 0) break
    reached = Math.min(end, (piece + 1) * pieceLength - fileOffset)
  }
  return reached
}
