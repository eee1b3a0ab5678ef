/**
 * Which pieces a player needs next: from the playhead, a window of media time sized by the file's
 * bitrate and the measured link rate. The engine fetches these before anything else; everything
 * outside keeps its ordinary (rarest-first or sequential) order.
 */

/** Where the playhead is and what the file and link are like; every size in bytes. */
export interface PlayheadFacts {
  /** Where the file starts in the torrent's byte space, and its length. */
  fileOffset: number
  fileLength: number
  pieceLength: number
  pieceCount: number
  /** Seconds into the media, and its duration (NaN or 0 while the player does not know it yet). */
  seconds: number
  duration: number
  /** The torrent's download rate now (bytes per second); 0 before anything arrived. */
  linkBytesPerSecond: number
}

/** A piece range, inclusive at both ends. */
export interface PieceWindow {
  from: number
  to: number
}

/** Media time always kept ahead of the playhead: the player's start-up buffer and a keyframe or two. */
export const MIN_AHEAD_SECONDS = 4
/** Never more than this far ahead: past it the rest of the torrent deserves the link. */
export const MAX_AHEAD_SECONDS = 30
/** How long the link should need to fill the window at most, so it never starves the rest for long. */
const LINK_SECONDS = 2
/** A bitrate to assume before the duration is known (8 Mbit/s: HD video). */
export const ASSUMED_BYTES_PER_SECOND = 1_000_000
/** Media time behind the playhead kept in the window: the keyframe a seek lands after. */
const BEHIND_SECONDS = 1

/** The media's bytes per second: the file's length over its duration, or the assumed rate before that. */
export function bitrateOf(fileLength: number, duration: number): number {
  return Number.isFinite(duration) && duration > 0 ? fileLength / duration : ASSUMED_BYTES_PER_SECOND
}

/**
 * How much media time to keep ahead. On a link barely faster than the media the window is long
 * (every spare byte goes to what plays next, so a slow patch does not stall); on a fast link it is
 * whatever the link fetches in a couple of seconds, so the rest of the torrent is not held back.
 */
export function aheadSeconds(bytesPerSecond: number, linkBytesPerSecond: number): number {
  if (!(linkBytesPerSecond > 0)) return MIN_AHEAD_SECONDS
  const ratio = linkBytesPerSecond / bytesPerSecond
  // Slow link: the window covers what the link can fetch in MAX_AHEAD_SECONDS at most.
  const slowLink = ratio < 2 ? MAX_AHEAD_SECONDS : LINK_SECONDS * ratio
  return Math.min(MAX_AHEAD_SECONDS, Math.max(MIN_AHEAD_SECONDS, slowLink))
}

/** The piece range to fetch first for this playhead, or null when the facts are unusable. */
export function streamWindow(facts: PlayheadFacts): PieceWindow | null {
  const { fileOffset, fileLength, pieceLength, pieceCount } = facts
  if (!(pieceLength > 0) || !(pieceCount > 0) || !(fileLength > 0)) return null
  const rate = bitrateOf(fileLength, facts.duration)
  const seconds = Number.isFinite(facts.seconds) && facts.seconds > 0 ? facts.seconds : 0
  const ahead = aheadSeconds(rate, facts.linkBytesPerSecond)
  const start = clamp(Math.floor((seconds - BEHIND_SECONDS) * rate), 0, fileLength - 1)
  const end = clamp(Math.ceil((seconds + ahead) * rate), start, fileLength - 1)
  const lastPiece = pieceCount - 1
  return {
    from: clamp(Math.floor((fileOffset + start) / pieceLength), 0, lastPiece),
    to: clamp(Math.floor((fileOffset + end) / pieceLength), 0, lastPiece),
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value))
}

/**
 * Bytes from where the player last asked to read that come before everything else. A player reads
 * where the window is not: an MP4 with its index at the end is read there first, a seek lands before
 * the playhead moves. What it asked for is what it waits for, even before the window.
 */
export const READ_HEAD_BYTES = 1024 * 1024

/** How many pieces from the start of the player's newest read are fetched first (at least one). */
export function readHeadPieces(pieceLength: number): number {
  return pieceLength > 0 ? Math.max(1, Math.ceil(READ_HEAD_BYTES / pieceLength)) : 1
}

/** The head of a read the player opened over pieces `from` to `to` (inclusive). */
export function readHead(from: number, to: number, headPieces: number): PieceWindow {
  return { from, to: Math.max(from, Math.min(to, from + headPieces - 1)) }
}
