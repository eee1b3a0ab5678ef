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
import { parseTorrentInput } from '../torrent/input/input'
import { inspectTorrentFile, withTrackers } from '../torrent/input/torrent-file'
import { addedTrackers } from '../torrent/input/tracker-policy'
import type { StartFacts } from './no-peers'
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
  /** The magnet as it came (or one naming the torrent's own trackers): never the user's trackers. */
  magnet: string
  /**
   * The torrent's own trackers. The user's are not stored: they are added at each start, so that a
   * change in Settings applies at the next one, and a private torrent never gets them.
   */
  trackers: readonly string[]
  webSeeds: readonly string[]
}

export interface LibraryEvents {
  /** A write to the repository (or a background step of a resume) failed. */
  onWriteError(error: unknown): void
  /** How a resumed torrent's stored pieces checked out. */
  onAudited(name: string, result: AuditResult): void
  /** A saved torrent was started again, announced as `facts` say. */
  onStarted(infoHash: string, facts: StartFacts): void
}

export class Library {
  readonly #engine: TorrentEngine
  readonly #repository: LibraryRepository
  readonly #clock: Clock
  readonly #events: LibraryEvents
  readonly #userTrackers: () => readonly string[]
  readonly #entries = new Map<string, LibraryEntry>()
  /** Writes of one entry are chained so that an older state never lands after a newer one. */
  #writes: Promise<void> = Promise.resolve()

  constructor(
    engine: TorrentEngine,
    repository: LibraryRepository,
    clock: Clock,
    events: LibraryEvents,
    /** The user's trackers (Settings), read at each start. */
    userTrackers: () => readonly string[],
  ) {
    this.#engine = engine
    this.#repository = repository
    this.#clock = clock
    this.#events = events
    this.#userTrackers = userTrackers
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
      torrentFile: this.#ownTorrentFile(details.infoHash, details.trackers),
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
        torrentFile: entry.torrentFile ?? this.#ownTorrentFile(torrent.infoHash, entry.trackers),
        done: torrent.done,
      })
    }
  }

  /**
   * The .torrent to save: the engine's, which names every tracker announced to, cut down to the
   * torrent's own (`trackers`), so that the user's are not stored with it.
   */
  #ownTorrentFile(infoHash: string, trackers: readonly string[]): Uint8Array | null {
    const bytes = this.#engine.torrentFile(infoHash)
    if (!bytes) return null
    try {
      return withTrackers(bytes, trackers)
    } catch {
      return bytes
    }
  }

  /** What the torrent names itself: saved with the entry, and in its magnet or .torrent. */
  #startFacts(
    entry: LibraryEntry,
    named: readonly string[],
    webSeeds: readonly string[],
    isPrivate: boolean,
  ) {
    const ownTrackers = [...new Set([...entry.trackers, ...named])]
    const added = addedTrackers(ownTrackers, this.#userTrackers(), isPrivate)
    const facts: StartFacts = {
      ownTrackers,
      announcedTo: [...ownTrackers, ...added],
      webSeeds: [...new Set([...entry.webSeeds, ...webSeeds])],
    }
    return { added, facts }
  }

  async #resume(entry: LibraryEntry): Promise<void> {
    const options = { webSeeds: entry.webSeeds, paused: entry.paused }
    if (!entry.torrentFile) {
      const input = parseMagnetQuietly(entry.magnet)
      const { added, facts } = this.#startFacts(entry, input.trackers, input.webSeeds, false)
      await this.#engine.add(entry.magnet, { ...options, trackers: added })
      this.#events.onStarted(entry.infoHash, facts)
      return
    }
    const summary = await inspectTorrentFile(entry.torrentFile)
    const { pieceCount, pieceHashes } = summary
    const { added, facts } = this.#startFacts(entry, summary.trackers, summary.webSeeds, summary.isPrivate)
    const verifiedPieces = bitfieldFromIndices(await this.#engine.storedPieces(entry.infoHash), pieceCount)
    await this.#engine.add(entry.torrentFile, { ...options, trackers: added, verifiedPieces })
    this.#events.onStarted(entry.infoHash, facts)
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

/** A saved magnet's trackers and web seeds; a record that holds no readable magnet has none. */
function parseMagnetQuietly(magnet: string): { trackers: string[]; webSeeds: string[] } {
  try {
    const input = parseTorrentInput(magnet)
    if (input.kind === 'magnet') return input
  } catch {
    // The engine says what is wrong with it when it is added.
  }
  return { trackers: [], webSeeds: [] }
}

/** Records saved before December 2026 also carry a `bitfield` nobody reads: the next save drops it. */
function currentFields(entry: LibraryEntry): LibraryEntry {
  const { infoHash, name, magnet, torrentFile, addedAt, paused, done, trackers, webSeeds, unwantedFiles } =
    entry
  return { infoHash, name, magnet, torrentFile, addedAt, paused, done, trackers, webSeeds, unwantedFiles }
}
