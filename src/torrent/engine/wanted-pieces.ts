/**
 * The pieces to download when some files are skipped, as few ranges as possible. WebTorrent keeps
 * one selection per `select` call and rescans all of them on every call, so selecting file by file
 * costs the square of the file count: over a second for 10 000 files, on the page's thread. Runs of
 * wanted files that touch or share pieces become one range.
 */

export interface FileSpan {
  /** Where the file starts in the torrent, in bytes. */
  offset: number
  length: number
}

/** Inclusive piece ranges [from, to] covering every wanted file (empty files have no pieces). */
export function wantedPieceRanges(
  files: readonly FileSpan[],
  pieceLength: number,
  skipped: ReadonlySet<number>,
): [from: number, to: number][] {
  const spans = files
    .map((file, index) => ({ ...file, index }))
    .filter((file) => !skipped.has(file.index) && file.length > 0)
    .map((file) => [
      Math.floor(file.offset / pieceLength),
      Math.floor((file.offset + file.length - 1) / pieceLength),
    ])
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))
  const ranges: [number, number][] = []
  for (const [from = 0, to = 0] of spans) {
    const last = ranges.at(-1)
    // Touching (next piece) or overlapping (a shared piece) ranges merge.
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to)
    else ranges.push([from, to])
  }
  return ranges
}
