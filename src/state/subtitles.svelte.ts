/**
 * The subtitles workflow (src/core/subtitles.ts) as the player sees it. The workflow needs the
 * engine, which loads after the first paint; a player opens only once a torrent has played, so by
 * then it is attached. Before that, a player simply offers no subtitles.
 */
import type { SubtitleListener, SubtitleSession, SubtitlesWorkflow } from '../core/subtitles'

export type { Cue, SubtitleListener, SubtitleSession, SubtitleTrack } from '../core/subtitles'

class SubtitlesStore {
  #core = $state<SubtitlesWorkflow | null>(null)

  get ready(): boolean {
    return this.#core !== null
  }

  attach(core: SubtitlesWorkflow): void {
    this.#core = core
  }

  open(infoHash: string, fileIndex: number, listener: SubtitleListener): SubtitleSession | null {
    return this.#core?.open(infoHash, fileIndex, listener) ?? null
  }

  savedChoice(infoHash: string): Promise<string | null> {
    return this.#core?.savedChoice(infoHash) ?? Promise.resolve(null)
  }

  saveChoice(infoHash: string, trackId: string | null): Promise<void> {
    return this.#core?.saveChoice(infoHash, trackId) ?? Promise.resolve()
  }
}

export const subtitles = new SubtitlesStore()
