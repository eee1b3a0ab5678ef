/**
 * When to start each decoded audio chunk on the AudioContext's clock so it sounds with the picture.
 * An anchor ties one media time (the video's currentTime) to one context time; every chunk is
 * placed relative to it, ahead by the output latency so what is heard, not what is scheduled,
 * meets the frame on screen. Pure arithmetic, in seconds.
 */

export interface Anchor {
  /** Context time (AudioContext.currentTime) at which `mediaTime` was the video's time. */
  readonly contextTime: number
  readonly mediaTime: number
}

export interface Placement {
  /** Context time to start at. */
  readonly when: number
  /** Seconds into the chunk to start from (a chunk whose beginning has already passed). */
  readonly offset: number
}

/** Resynchronise when the audio clock and the picture disagree by more than this. */
export const DRIFT_LIMIT_S = 0.04

/**
 * Where a chunk of `duration` seconds starting at media time `start` goes, given the anchor, the
 * context's current time and its output latency; null when it would end before now (too late).
 */
export function place(
  chunk: { readonly start: number; readonly duration: number },
  anchor: Anchor,
  contextNow: number,
  latency: number,
): Placement | null {
  const when = anchor.contextTime + (chunk.start - anchor.mediaTime) - latency
  if (when >= contextNow) return { when, offset: 0 }
  const offset = contextNow - when
  return offset < chunk.duration ? { when: contextNow, offset } : null
}

/** The media time the anchor says the video should be at now. */
export function expectedMediaTime(anchor: Anchor, contextNow: number): number {
  return anchor.mediaTime + (contextNow - anchor.contextTime)
}

/** True when the audio clock has drifted from the video's time beyond the limit. */
export function hasDrifted(anchor: Anchor, contextNow: number, videoTime: number): boolean {
  return Math.abs(expectedMediaTime(anchor, contextNow) - videoTime) > DRIFT_LIMIT_S
}

/** Chunks to keep: those not yet over at `mediaTime` (a little behind it, for a short seek back). */
export function stillNeeded(
  chunk: { readonly start: number; readonly duration: number },
  mediaTime: number,
): boolean {
  return chunk.start + chunk.duration > mediaTime - 0.5
}
