/**
 * Keeps the saved library (a `LibraryRepository`) in step with the engine and brings every torrent
 * back on page load. Resuming trusts the pieces the engine finds in storage: a piece is only written
 * there after its hash checked out, so the stored keys are the verified set, and a piece deleted
 * between sessions is simply missing from it and fetched again.
 */
import type { LibraryEntry } from '../db/library-db'
import type { TorrentEngine, TorrentInfo } from '../torrent/engine/engine'
import type { AuditResult } from '../torrent/storage/piece-audit'
import { bitfieldFromIndices } from '../torrent/storage/pieces'
import { inspectTorrentFile } from '../torrent/input/torrent-file'
import { sleep, type Clock, type LibraryRepository } from './ports'

/**
 * WebTorrent closes a failed torrent's tracker connection in the background with no completion
 * signal. Its late "stopped" announce would take a torrent reopened at once out of the swarm
 * (measured: 0 peers after resume), so reopening waits this long first.
 */
export const TRACKER_STOP_SETTLE_MS = 1_500

export interface NewEntry {
  infoHash: string
  name: string
  magnet: string
  trackers: readonly string[]
  webSeeds: readonly string[]
}

export interface LibraryEvents {
  /** A write to the repository (or a background step of a resume) failed. */
  onWriteError(error: unknown): void
  /** How a resumed torrent's stored pieces checked out. */
  onAudited(name: string, result: AuditResult): void
}

export class Library {
  readonly #engine: TorrentEngine
  readonly #repository: LibraryRepository
  readonly #clock: Clock
  readonly #events: LibraryEvents
  readonly #entries = new Map<string, LibraryEntry>()
  /** Writes of one entry are chained so that an older state never lands after a newer one. */
  #writes: Promise<void> = Promise.resolve()

  constructor(engine: TorrentEngine, repository: LibraryRepository, clock: Clock, events: LibraryEvents) {
    this.#engine = engine
    this.#repository = repository
    this.#clock = clock
    this.#events = events
  }

  /** Re-adds every saved torrent; returns the ones that could not be resumed, with the reason. */
  async restore(): Promise<{ entry: LibraryEntry; error: unknown }[]> {
    const failures: { entry: LibraryEntry; error: unknown }[] = []
    for (const saved of await this.#repository.load()) {
      const entry = currentFields(saved)
      this.#entries.set(entry.infoHash, entry)
      try {
        await this.#resume(entry)
      } catch (error) {
        failures.push({ entry, error })
      }
    }
    return failures
  }

  remember(details: NewEntry): void {
    if (this.#entries.has(details.infoHash)) return
    this.#save({
      ...details,
      trackers: [...details.trackers],
      webSeeds: [...details.webSeeds],
      torrentFile: this.#engine.torrentFile(details.infoHash),
      addedAt: this.#clock.now(),
      paused: false,
      done: false,
      unwantedFiles: [],
    })
  }

  setUnwantedFiles(infoHash: string, unwantedFiles: readonly number[]): void {
    const entry = this.#entries.get(infoHash)
    if (entry) this.#save({ ...entry, unwantedFiles: [...unwantedFiles] })
  }

  setPaused(infoHash: string, paused: boolean): void {
    const entry = this.#entries.get(infoHash)
    if (entry && entry.paused !== paused) this.#save({ ...entry, paused })
  }

  /**
   * Adds a torrent back from its saved entry, paused: used when the engine dropped it because storage
   * is full. Everything already stored stays valid and is picked up again.
   */
  async reopenPaused(infoHash: string): Promise<boolean> {
    const entry = this.#entries.get(infoHash)
    if (!entry) return false
    const paused = { ...entry, paused: true }
    this.#save(paused)
    await sleep(this.#clock, TRACKER_STOP_SETTLE_MS)
    // Removed by the user meanwhile: it stays removed.
    if (!this.#entries.has(infoHash)) return false
    await this.#resume(paused)
    return true
  }

  forget(infoHash: string): Promise<void> {
    this.#entries.delete(infoHash)
    return this.#enqueue(() => this.#repository.delete(infoHash))
  }

  forgetAll(): Promise<void> {
    this.#entries.clear()
    return this.#enqueue(() => this.#repository.deleteAll())
  }

  /** Called with every stats sample: saves the name and metadata when they arrive, and completion. */
  sync(torrents: readonly TorrentInfo[]): void {
    for (const torrent of torrents) {
      const entry = this.#entries.get(torrent.infoHash)
      if (!entry) continue
      const gotMetadata = torrent.hasMetadata && entry.torrentFile === null
      const finished = torrent.done && !entry.done
      if (!gotMetadata && !finished) continue
      this.#save({
        ...entry,
        name: torrent.name,
        torrentFile: entry.torrentFile ?? this.#engine.torrentFile(torrent.infoHash),
        done: torrent.done,
      })
    }
  }

  async #resume(entry: LibraryEntry): Promise<void> {
    const options = { trackers: entry.trackers, webSeeds: entry.webSeeds, paused: entry.paused }
    if (!entry.torrentFile) {
      await this.#engine.add(entry.magnet, options)
      return
    }
    const { pieceCount, pieceHashes } = await inspectTorrentFile(entry.torrentFile)
    const verifiedPieces = bitfieldFromIndices(await this.#engine.storedPieces(entry.infoHash), pieceCount)
    await this.#engine.add(entry.torrentFile, { ...options, verifiedPieces })
    if (entry.unwantedFiles.length > 0) {
      void this.#engine
        .whenReady(entry.infoHash)
        .then(() => this.#engine.setUnwantedFiles(entry.infoHash, entry.unwantedFiles))
        .catch((error: unknown) => this.#events.onWriteError(error))
    }
    void this.#audit(entry, pieceHashes)
  }

  /** Re-checks the stored pieces in the background; the download has already resumed meanwhile. */
  async #audit(entry: LibraryEntry, pieceHashes: Uint8Array): Promise<void> {
    try {
      await this.#engine.whenReady(entry.infoHash)
      this.#events.onAudited(entry.name, await this.#engine.auditStoredPieces(entry.infoHash, pieceHashes))
    } catch (error) {
      this.#events.onWriteError(error)
    }
  }

  #save(entry: LibraryEntry): void {
    this.#entries.set(entry.infoHash, entry)
    void this.#enqueue(async () => {
      // Forgotten while waiting in the queue: do not resurrect it.
      if (this.#entries.get(entry.infoHash) === entry) await this.#repository.save(entry)
    })
  }

  #enqueue(write: () => Promise<void>): Promise<void> {
    this.#writes = this.#writes.then(write).catch((error: unknown) => this.#events.onWriteError(error))
    return this.#writes
  }
}

/** Records saved before December 2026 also carry a `bitfield` nobody reads: the next save drops it. */
function currentFields(entry: LibraryEntry): LibraryEntry {
  const { infoHash, name, magnet, torrentFile, addedAt, paused, done, trackers, webSeeds, unwantedFiles } =
    entry
  return { infoHash, name, magnet, torrentFile, addedAt, paused, done, trackers, webSeeds, unwantedFiles }
}
