/**
 * Keeps the library (src/db/library-db.ts) in step with the engine and brings every torrent back on
 * page load. Resuming trusts the pieces found in the chunk store: a piece is only written there
 * after its hash checked out, so the stored keys are the verified set, and a chunk deleted between
 * sessions is simply missing from it and fetched again.
 */
import { deleteAllEntries, deleteEntry, loadLibrary, saveEntry, type LibraryEntry } from '../db/library-db'
import type { TorrentEngine, TorrentInfo } from './engine/engine'
import { storedChunkIndices } from './storage/idb-chunk-store'
import { auditStoredPieces, type AuditResult } from './storage/piece-audit'
import { bitfieldFromIndices } from './storage/pieces'
import { inspectTorrentFile } from './input/torrent-file'

/**
 * WebTorrent closes a failed torrent's tracker connection in the background with no completion
 * signal. Its late "stopped" announce would take a torrent reopened at once out of the swarm
 * (measured: 0 peers after resume), so reopening waits this long first.
 */
const TRACKER_STOP_SETTLE_MS = 1_500

/** How often the verified-piece bitfield of a downloading torrent is written back. */
const PROGRESS_SAVE_INTERVAL_MS = 2_000

export interface NewEntry {
  infoHash: string
  name: string
  magnet: string
  trackers: readonly string[]
  webSeeds: readonly string[]
}

export class Library {
  readonly #engine: TorrentEngine
  readonly #entries = new Map<string, LibraryEntry>()
  readonly #lastProgressSave = new Map<string, { at: number; downloaded: number }>()
  /** Writes of one entry are chained so that an older state never lands after a newer one. */
  #writes: Promise<void> = Promise.resolve()
  readonly #onWriteError: (error: unknown) => void
  readonly #onAudited: (name: string, result: AuditResult) => void

  /** `onAudited` hears how each resumed torrent's stored pieces checked out. */
  constructor(
    engine: TorrentEngine,
    onWriteError: (error: unknown) => void,
    onAudited: (name: string, result: AuditResult) => void,
  ) {
    this.#engine = engine
    this.#onWriteError = onWriteError
    this.#onAudited = onAudited
  }

  /** Re-adds every saved torrent; returns the ones that could not be resumed, with the reason. */
  async restore(): Promise<{ entry: LibraryEntry; error: unknown }[]> {
    const failures: { entry: LibraryEntry; error: unknown }[] = []
    for (const entry of await loadLibrary()) {
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
      addedAt: Date.now(),
      paused: false,
      done: false,
      bitfield: null,
      unwantedFiles: [],
    })
  }

  setUnwantedFiles(infoHash: string, unwantedFiles: readonly number[]): void {
    const entry = this.#entries.get(infoHash)
    if (entry) this.#save({ ...entry, unwantedFiles: [...unwantedFiles] })
  }

  setPaused(infoHash: string, paused: boolean): void {
    const entry = this.#entries.get(infoHash)
    if (entry) this.#save({ ...entry, paused })
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
    await new Promise((resolve) => setTimeout(resolve, TRACKER_STOP_SETTLE_MS))
    await this.#resume(paused)
    return true
  }

  forget(infoHash: string): Promise<void> {
    this.#entries.delete(infoHash)
    this.#lastProgressSave.delete(infoHash)
    return this.#enqueue(() => deleteEntry(infoHash))
  }

  forgetAll(): Promise<void> {
    this.#entries.clear()
    this.#lastProgressSave.clear()
    return this.#enqueue(deleteAllEntries)
  }

  /** Called with every stats sample: saves metadata when it arrives, progress every few seconds. */
  sync(torrents: readonly TorrentInfo[]): void {
    const now = Date.now()
    for (const torrent of torrents) {
      const entry = this.#entries.get(torrent.infoHash)
      if (!entry) continue
      const gotMetadata = torrent.hasMetadata && entry.torrentFile === null
      const finished = torrent.done && !entry.done
      const last = this.#lastProgressSave.get(torrent.infoHash)
      const progressed = torrent.downloaded !== (last?.downloaded ?? 0)
      const due = !last || now - last.at >= PROGRESS_SAVE_INTERVAL_MS
      if (!gotMetadata && !finished && !(progressed && due)) continue
      this.#lastProgressSave.set(torrent.infoHash, { at: now, downloaded: torrent.downloaded })
      this.#save({
        ...entry,
        name: torrent.name,
        torrentFile: entry.torrentFile ?? this.#engine.torrentFile(torrent.infoHash),
        done: torrent.done,
        bitfield: this.#engine.verifiedPieces(torrent.infoHash) ?? entry.bitfield,
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
    const verifiedPieces = bitfieldFromIndices(await storedChunkIndices(entry.infoHash), pieceCount)
    await this.#engine.add(entry.torrentFile, { ...options, verifiedPieces })
    if (entry.unwantedFiles.length > 0) {
      void this.#engine
        .whenReady(entry.infoHash)
        .then(() => this.#engine.setUnwantedFiles(entry.infoHash, entry.unwantedFiles))
        .catch(this.#onWriteError)
    }
    void this.#audit(entry, pieceHashes)
  }

  /** Re-checks the stored pieces in the background; the download has already resumed meanwhile. */
  async #audit(entry: LibraryEntry, pieceHashes: Uint8Array): Promise<void> {
    try {
      await this.#engine.whenReady(entry.infoHash)
      const result = await auditStoredPieces(entry.infoHash, pieceHashes, (index) =>
        this.#engine.discardPiece(entry.infoHash, index),
      )
      this.#onAudited(entry.name, result)
    } catch (error) {
      this.#onWriteError(error)
    }
  }

  #save(entry: LibraryEntry): void {
    this.#entries.set(entry.infoHash, entry)
    void this.#enqueue(async () => {
      // Forgotten while waiting in the queue: do not resurrect it.
      if (this.#entries.get(entry.infoHash) === entry) await saveEntry(entry)
    })
  }

  #enqueue(write: () => Promise<void>): Promise<void> {
    this.#writes = this.#writes.then(write).catch(this.#onWriteError)
    return this.#writes
  }
}
