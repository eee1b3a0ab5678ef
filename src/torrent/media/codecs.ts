/**
 * What a container holds, in plain words, and whether this browser can play it: the decision is a
 * pure function of the track list (read by the demuxer) and of what the browser says it decodes.
 */

/** A track as the demuxer reports it: its kind, its codec family and the full codec string. */
export interface TrackFacts {
  readonly kind: 'video' | 'audio'
  /** The demuxer's codec family name ('avc', 'hevc', 'ac3', ...), or null when it does not know it. */
  readonly codec: string | null
  /** The RFC 6381 codec string ('avc1.64001f', 'hvc1.1.6.L93.B0', 'ac-3'), when the demuxer has one. */
  readonly codecString: string | null
}

/** The container as the demuxer identified it ('MP4', 'Matroska', ...), or null when it could not read it. */
export interface ContainerFacts {
  readonly container: string | null
  readonly tracks: readonly TrackFacts[]
}

/** The answers of the browser's own decoders, behind a port so the decision is testable. */
export interface DecoderSupport {
  canDecode(track: TrackFacts): Promise<boolean>
}

/** Audio codecs the page decodes itself (WebAssembly), when the browser cannot. */
export const PAGE_DECODED_AUDIO: ReadonlySet<string> = new Set(['ac3', 'eac3'])

export type Verdict =
  | { readonly kind: 'plays' }
  /** The video plays in the element; the audio track is decoded by the page. */
  | { readonly kind: 'page-audio'; readonly codec: string }
  | { readonly kind: 'cannot'; readonly reason: Unplayable }

export type Unplayable =
  | { readonly kind: 'video-codec'; readonly codec: string }
  | { readonly kind: 'audio-codec'; readonly codec: string }
  | { readonly kind: 'container'; readonly container: string }

const CODEC_NAMES: Readonly<Record<string, string>> = {
  avc: 'H.264 (AVC)',
  hevc: 'HEVC (H.265)',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  prores: 'Apple ProRes',
  aac: 'AAC',
  opus: 'Opus',
  mp3: 'MP3',
  vorbis: 'Vorbis',
  flac: 'FLAC',
  ac3: 'Dolby Digital (AC-3)',
  eac3: 'Dolby Digital Plus (E-AC-3)',
  dts: 'DTS',
}

/** A codec's name as people know it ('HEVC (H.265)'); an unknown one as the demuxer spells it. */
export function codecName(codec: string | null): string {
  if (codec === null) return '?'
  return CODEC_NAMES[codec] ?? (codec.startsWith('pcm') ? 'PCM' : codec)
}

/**
 * Can this browser play the file, and how. A video track it cannot decode makes the file
 * unplayable (a black picture is not playing); an audio track it cannot decode is decoded by the
 * page when the page knows the codec, else the file is unplayable (silence is not playing either).
 * Only the first track of each kind counts: it is the one the media element plays.
 */
export async function judge(facts: ContainerFacts, support: DecoderSupport): Promise<Verdict> {
  if (facts.container === null) return { kind: 'cannot', reason: { kind: 'container', container: '?' } }
  const video = facts.tracks.find((track) => track.kind === 'video')
  const audio = facts.tracks.find((track) => track.kind === 'audio')
  if (video && !(await support.canDecode(video)))
    return { kind: 'cannot', reason: { kind: 'video-codec', codec: codecName(video.codec) } }
  if (audio && !(await support.canDecode(audio))) {
    if (audio.codec !== null && PAGE_DECODED_AUDIO.has(audio.codec))
      return { kind: 'page-audio', codec: audio.codec }
    return { kind: 'cannot', reason: { kind: 'audio-codec', codec: codecName(audio.codec) } }
  }
  return { kind: 'plays' }
}
