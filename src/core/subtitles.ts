/**
 * Subtitles for the file being played: the torrent's subtitle files that go with it (read when
 * chosen: they are small) and the text tracks inside a Matroska file (read from its bytes as they
 * download, cues given as the pass reaches them). The choice of track is remembered per torrent.
 */
import {
  MatroskaSubtitleReader,
  type EmbeddedSubtitleTrack,
  type ReadState,
} from '../torrent/media/matroska-subtitles'
import { languageTag, subtitleFilesFor, type SubtitleFile } from '../torrent/media/subtitle-files'
import { parseWebVtt, srtToWebVtt, type Cue } from '../torrent/media/subtitle-text'
import type { TorrentEngine } from '../torrent/engine/engine'

export type { Cue }

export type SubtitleTrack =
  | { id: string; kind: 'file'; language: string | null; fileName: string }
  | { id: string; kind: 'embedded'; language: string | null; number: number; name: string | null }

export interface SubtitleListener {
  /** A track to offer (files at once, a Matroska file's tracks once its header has been read). */
  track(track: SubtitleTrack): void
  /** More cues of a track. */
  cues(trackId: string, cues: readonly Cue[]): void
}

export interface SubtitleSession {
  /** Reads a subtitle file's cues (embedded tracks need no call: their cues come as the file does). */
  load(trackId: string): Promise<void>
  close(): void
}

/** Where the choice of track is kept: a track id, or null for "Off". */
export interface SubtitleChoices {
  load(infoHash: string): Promise<string | null>
  save(infoHash: string, trackId: string | null): Promise<void>
}

export interface SubtitlesPorts {
  engine: Pick<TorrentEngine, 'snapshot' | 'downloadedBytes' | 'fileBlob' | 'onEvent'>
  choices: SubtitleChoices
  /** Resolves after `ms`: how long the pass waits for more of the file when no piece event wakes it. */
  delay(ms: number): Promise<void>
}

/** Container formats whose text tracks this app reads. */
const MATROSKA = /\.(mkv|mk3d|mka|webm)$/i
/** How often a waiting pass looks again at most, and at least, for newly downloaded pieces. */
const WAKE_MIN_MS = 250
const WAKE_MAX_MS = 2000

export class SubtitlesWorkflow {
  readonly #ports: SubtitlesPorts

  constructor(ports: SubtitlesPorts) {
    this.#ports = ports
  }

  savedChoice(infoHash: string): Promise<string | null> {
    return this.#ports.choices.load(infoHash)
  }

  saveChoice(infoHash: string, trackId: string | null): Promise<void> {
    return this.#ports.choices.save(infoHash, trackId)
  }

  open(infoHash: string, fileIndex: number, listener: SubtitleListener): SubtitleSession {
    const { engine } = this.#ports
    const files = engine.snapshot().find((torrent) => torrent.infoHash === infoHash)?.files ?? []
    const video = files[fileIndex]
    const sidecars = new Map<string, SubtitleFile>()
    if (video) {
      for (const file of subtitleFilesFor(video.name, files)) {
        const id = `file:${file.index}`
        sidecars.set(id, file)
        listener.track({ id, kind: 'file', language: file.language, fileName: file.name })
      }
    }
    let closed = false
    const loaded = new Set<string>()
    if (video && MATROSKA.test(video.name)) {
      void this.#readEmbedded(infoHash, fileIndex, video.length, listener, () => closed)
    }
    return {
      load: async (trackId) => {
        const file = sidecars.get(trackId)
        if (!file || loaded.has(trackId)) return
        loaded.add(trackId)
        try {
          const text = decode(
            new Uint8Array(await (await engine.fileBlob(infoHash, file.index)).arrayBuffer()),
          )
          if (!closed) listener.cues(trackId, parseWebVtt(file.format === 'srt' ? srtToWebVtt(text) : text))
        } catch (error) {
          loaded.delete(trackId)
          throw error
        }
      },
      close: () => {
        closed = true
      },
    }
  }

  /** The Matroska pass: reads what has arrived, waits for more pieces, until the file is read or the player closes. */
  async #readEmbedded(
    infoHash: string,
    fileIndex: number,
    length: number,
    listener: SubtitleListener,
    closed: () => boolean,
  ): Promise<void> {
    const { engine } = this.#ports
    const delay = (ms: number) => this.#ports.delay(ms)
    const batch = new Map<number, Cue[]>()
    const reader = new MatroskaSubtitleReader(
      { length, read: (start, maxLength) => engine.downloadedBytes(infoHash, fileIndex, start, maxLength) },
      {
        tracks: (tracks) => tracks.forEach((track) => listener.track(embeddedTrack(track))),
        cue: (number, cue) => batch.set(number, [...(batch.get(number) ?? []), cue]),
      },
    )
    let wake: () => void = () => undefined
    const stop = engine.onEvent((event) => {
      if (event.type === 'piece-checked' && event.infoHash === infoHash && event.passed) wake()
    })
    try {
      let state: ReadState = 'again'
      while (!closed() && state !== 'done') {
        state = await reader.read().catch(() => 'done' as const)
        for (const [number, cues] of batch) listener.cues(`embedded:${number}`, cues)
        batch.clear()
        if (state === 'waiting') {
          await delay(WAKE_MIN_MS)
          await Promise.race([new Promise<void>((resolve) => (wake = resolve)), delay(WAKE_MAX_MS)])
        } else if (state === 'again') {
          // Gives the page its thread back between slices of a long pass.
          await delay(0)
        }
      }
    } finally {
      stop()
    }
  }
}

function embeddedTrack(track: EmbeddedSubtitleTrack): SubtitleTrack {
  return {
    id: `embedded:${track.number}`,
    kind: 'embedded',
    language: languageTag(track.language),
    number: track.number,
    name: track.name,
  }
}

/** UTF-8, or Windows-1252 for the older subtitle files that are not UTF-8 (a replacement character tells). */
function decode(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes)
  return text.includes('\uFFFD') ? new TextDecoder('windows-1252').decode(bytes) : text
}
