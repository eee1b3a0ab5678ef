/**
 * Subtitle tracks on a media element: one TextTrack per offered track (addTextTrack, so no blob: URL
 * and no change to the page's Content-Security-Policy), filled with VTTCues as their cues arrive.
 * Cue text goes to VTTCue, which reads WebVTT cue text (<i>, <b>) and never HTML. Tracks cannot be
 * taken off an element, so closing empties and disables them for the next file played in it.
 */
import type { Cue, SubtitleTrack } from '../../state/subtitles.svelte'

/** Cues kept per track: a film has a few thousand; more is not a subtitle file. */
const MAX_CUES_PER_TRACK = 50_000

export class TextTracks {
  readonly #media: HTMLMediaElement
  readonly #tracks = new Map<string, TextTrack>()
  #shown: string | null = null

  constructor(media: HTMLMediaElement) {
    this.#media = media
  }

  add(track: SubtitleTrack, label: string): void {
    if (this.#tracks.has(track.id)) return
    const textTrack = this.#media.addTextTrack('subtitles', label, track.language ?? '')
    textTrack.mode = 'disabled'
    this.#tracks.set(track.id, textTrack)
    if (this.#shown === track.id) textTrack.mode = 'showing'
  }

  addCues(trackId: string, cues: readonly Cue[]): void {
    const textTrack = this.#tracks.get(trackId)
    if (!textTrack) return
    const previous = textTrack.mode
    // A disabled track has no cue list to count; hidden shows nothing and keeps the cues.
    if (previous === 'disabled') textTrack.mode = 'hidden'
    let room = MAX_CUES_PER_TRACK - (textTrack.cues?.length ?? 0)
    for (const cue of cues) {
      if (room-- <= 0) break
      textTrack.addCue(new VTTCue(cue.start, cue.end, cue.text))
    }
    textTrack.mode = previous
  }

  /** Shows one track (or none) and disables the others. */
  show(trackId: string | null): void {
    this.#shown = trackId
    for (const [id, textTrack] of this.#tracks) textTrack.mode = id === trackId ? 'showing' : 'disabled'
  }

  /** The id of the track showing now, as the media element's own captions menu may have changed it. */
  showing(): string | null {
    for (const [id, textTrack] of this.#tracks) if (textTrack.mode === 'showing') return id
    return null
  }

  close(): void {
    for (const textTrack of this.#tracks.values()) {
      textTrack.mode = 'hidden'
      for (const cue of Array.from(textTrack.cues ?? [])) textTrack.removeCue(cue)
      textTrack.mode = 'disabled'
    }
    this.#tracks.clear()
  }
}
