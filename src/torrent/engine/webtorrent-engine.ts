/** TorrentEngine on top of WebTorrent's prebuilt browser bundle. */
import WebTorrent, {
  type WebTorrentTorrent,
  type WebTorrentWire,
  type AddOptions as WebTorrentAddOptions,
} from 'webtorrent/dist/webtorrent.min.js'
import type {
  AddOptions,
  EngineEvent,
  FileInfo,
  PeerWire,
  Playhead,
  TorrentEngine,
  TorrentInfo,
  TransferLimits,
  WireExtension,
} from './engine'
import { t } from '../../i18n/translate'
import { errorText, UserFacingError } from '../../shared/errors'
import { deleteAllChunks, IdbChunkStore, storedChunkIndices } from '../storage/idb-chunk-store'
import { auditStoredPieces as auditPieces, type AuditResult } from '../storage/piece-audit'
import { FileSampler } from './file-sampler'
import { withFolderPath } from '../input/folder-files'
import type { PieceActivity } from '../storage/piece-map'
import { coalesceRequestRefills } from '../webtorrent/request-refill'
import { discardVerifiedPiece } from '../webtorrent/discard-piece'
import { channelFingerprints } from '../webtorrent/channel-fingerprints'
import { failedPieceIndex } from '../webtorrent/internals'
import { pausedAnnounceOptions } from '../webtorrent/paused-announce'
import {
  PacedUploads,
  wrapBlockSends,
  type SendBlock,
  type UploadPriority,
} from '../webtorrent/paced-uploads'
import { pieceActivityOf } from '../webtorrent/piece-activity'
import { keepPrivateToOwnTrackers } from '../webtorrent/private-trackers'
import { verifiedRunEnd } from './file-ranges'
import { watchRequestedBlocks } from '../webtorrent/requested-blocks'
import { onTrackerConnected, reconnectTrackersSooner } from '../webtorrent/tracker-reconnect'
import { sendMessagesWhole } from '../webtorrent/whole-messages'
import { StreamPriority } from '../webtorrent/stream-priority'
import { readHeadPieces, streamWindow } from './stream-window'
import { wantedPieceRanges } from './wanted-pieces'
import { SaveDownloads, type SaveDownload } from './save-downloads'
import { zipSource } from './save-zip'

/** A chunk-store class as WebTorrent takes it. */
export type ChunkStoreClass = NonNullable<WebTorrentAddOptions['store']>

/** Where pieces are stored and how blocks leave; the defaults are what the app ships. */
export interface WebTorrentEngineOptions {
  /** The store a new torrent gets, asked at each add; null: WebTorrent's own in-memory store. */
  chunkStore?: () => ChunkStoreClass | null
  /** Wraps how each connection sends the blocks it was asked for (under upload pacing). */
  wrapBlockSends?: (send: SendBlock) => SendBlock
  /** The id this client announces and sends in handshakes (40 hex digits); random by default. */
  peerId?: string
}

export class WebTorrentEngine implements TorrentEngine {
  readonly #client: WebTorrent
  readonly #chunkStore: () => ChunkStoreClass | null
  readonly #wrapBlockSends: ((send: SendBlock) => SendBlock) | undefined
  readonly #listeners = new Set<(event: EngineEvent) => void>()
  readonly #wireListeners = new Set<(wire: PeerWire) => readonly WireExtension[]>()
  readonly #streamingReady: Promise<void>
  /** Answers the worker for streamed downloads; set once the worker controls the page. */
  #saves: SaveDownloads | null = null
  /** WebTorrent has no getter for file selection, so the engine remembers what it was told. */
  readonly #unwantedFiles = new Map<string, ReadonlySet<number>>()
  readonly #files = new FileSampler()
  readonly #uploads = new PacedUploads()
  /** The window at the playhead of each torrent whose file is playing (one player at a time per torrent). */
  readonly #streamPriority = new Map<string, StreamPriority>()
  readonly #stopTrackerEvents = onTrackerConnected((url) => this.#emit({ type: 'tracker-connected', url }))

  /** `streamingWorker` resolves when the service worker that serves streams controls the page. */
  constructor(streamingWorker: Promise<ServiceWorkerRegistration>, options: WebTorrentEngineOptions = {}) {
    this.#client = new WebTorrent(options.peerId ? { peerId: options.peerId } : undefined)
    // Verified pieces go to IndexedDB so that a reload or a closed tab loses nothing.
    this.#chunkStore = options.chunkStore ?? (() => IdbChunkStore)
    this.#wrapBlockSends = options.wrapBlockSends
    // Errors not tied to a torrent (they are rare) must not become uncaught exceptions.
    this.#client.on('error', (error: unknown) =>
      this.#emit({
        type: 'failed',
        infoHash: null,
        message: errorText(error),
        storageFull: isQuotaError(error),
      }),
    )
    this.#streamingReady = streamingWorker.then((registration) => {
      // Before WebTorrent's server, which would answer a save URL with 404.
      this.#saves = new SaveDownloads(registration.scope, () => new UserFacingError(t('save.notStarted')))
      this.#saves.listen(navigator.serviceWorker)
      this.#client.createServer({ controller: registration })
    })
    // Stays pending-but-handled when the worker fails: streamUrl reports it to the caller instead.
    this.#streamingReady.catch(() => undefined)
  }

  add(id: string | Uint8Array, options: AddOptions): Promise<string> {
    return new Promise((resolve, reject) => {
      const own = { torrent: null as WebTorrentTorrent | null }
      const torrent = this.#client.add(id, this.#webTorrentOptions(options, own))
      own.torrent = torrent
      const started = this.#watch(torrent, reject)
      // A magnet may turn out private (BEP 27) with its metadata: then only its own trackers stay.
      keepPrivateToOwnTrackers(torrent, options.trackers)
      torrent.once('infoHash', () => {
        started.value = true
        resolve(torrent.infoHash)
      })
    })
  }

  seed(files: readonly File[], options: AddOptions): Promise<string> {
    if (files.length === 0) return Promise.reject(new UserFacingError(t('torrents.noFilesToSeed')))
    if (files.every((file) => file.size === 0)) {
      return Promise.reject(new UserFacingError(t('torrents.emptyFiles')))
    }
    return new Promise((resolve, reject) => {
      const own = { torrent: null as WebTorrentTorrent | null }
      // A folder picked whole keeps its structure: each file is named by its path within it.
      const named = files.map((file) => withFolderPath(file))
      const torrent = this.#client.seed(named, this.#webTorrentOptions(options, own), (seeding) => {
        started.value = true
        resolve(seeding.infoHash)
      })
      own.torrent = torrent
      const started = this.#watch(torrent, reject)
    })
  }

  has(infoHash: string): boolean {
    return this.#find(infoHash) !== undefined
  }

  /**
   * WebTorrent's own pause only stops new connections; a user who presses Pause expects the traffic to
   * stop, so open connections are closed too.
   */
  pause(infoHash: string): void {
    const torrent = this.#find(infoHash)
    if (!torrent || torrent.paused) return
    torrent.pause()
    for (const wire of [...torrent.wires]) wire.destroy()
  }

  resume(infoHash: string): void {
    const torrent = this.#find(infoHash)
    if (!torrent?.paused) return
    torrent.resume()
    // Closed web seed connections are not reopened by WebTorrent itself.
    for (const url of torrent.urlList ?? []) torrent.addWebSeed(url)
    // Announce now rather than at the tracker's next interval (minutes), so peers return at once: the
    // first announce since the pause that carries offers (none are sent while paused).
    torrent.discovery?.tracker?.update()
  }

  async remove(infoHash: string, options: { deleteData: boolean }): Promise<void> {
    this.#unwantedFiles.delete(infoHash)
    this.#files.forget(infoHash)
    this.#streamPriority.delete(infoHash)
    const torrent = this.#find(infoHash)
    if (torrent) await this.#client.remove(torrent, { destroyStore: options.deleteData })
  }

  snapshot(): TorrentInfo[] {
    return this.#client.torrents
      .filter((torrent) => torrent.infoHash)
      .map((torrent) =>
        describeTorrent(
          torrent,
          torrent.ready
            ? this.#files.files(torrent.infoHash, torrent.files, this.#unwantedFiles.get(torrent.infoHash))
            : [],
        ),
      )
  }

  torrentFile(infoHash: string): Uint8Array | null {
    const torrent = this.#find(infoHash)
    // Before the metadata arrives WebTorrent's torrentFile has no info dictionary: useless to save.
    return torrent?.ready ? (torrent.torrentFile ?? null) : null
  }

  whenReady(infoHash: string): Promise<void> {
    const torrent = this.#find(infoHash)
    if (!torrent) return Promise.reject(new Error(t('torrents.torrentGone')))
    if (torrent.ready) return Promise.resolve()
    return new Promise((resolve, reject) => {
      torrent.once('ready', () => resolve())
      torrent.once('close', () => reject(new Error(t('torrents.removedEarly'))))
    })
  }

  discardPiece(infoHash: string, index: number): void {
    const torrent = this.#find(infoHash)
    if (torrent?.ready && torrent.bitfield) discardVerifiedPiece(torrent, index)
  }

  storedPieces(infoHash: string): Promise<ReadonlySet<number>> {
    return storedChunkIndices(infoHash)
  }

  auditStoredPieces(infoHash: string, pieceHashes: Uint8Array): Promise<AuditResult> {
    return auditPieces(infoHash, pieceHashes, (index) => this.discardPiece(infoHash, index))
  }

  deleteAllData(): Promise<void> {
    return deleteAllChunks()
  }

  setUnwantedFiles(infoHash: string, unwanted: readonly number[]): void {
    const torrent = this.#find(infoHash)
    if (!torrent?.ready || !torrent.pieceLength) return
    const skip = new Set(unwanted)
    this.#unwantedFiles.set(infoHash, skip)
    // The whole-torrent selection made at start would keep every file wanted. Wanted files are then
    // selected as merged piece ranges, not one by one (see wanted-pieces.ts); a piece shared by an
    // unwanted and a wanted file stays wanted.
    torrent.deselect(0, lastPiece(torrent))
    for (const [from, to] of wantedPieceRanges(torrent.files, torrent.pieceLength, skip))
      torrent.select(from, to)
  }

  verifiedPieces(infoHash: string): Uint8Array | null {
    const torrent = this.#find(infoHash)
    return torrent?.ready && torrent.bitfield ? torrent.bitfield.buffer.slice() : null
  }

  pieceActivity(infoHash: string): PieceActivity | null {
    const torrent = this.#find(infoHash)
    return torrent?.ready ? pieceActivityOf(torrent) : null
  }

  async streamUrl(infoHash: string, fileIndex: number): Promise<string> {
    await this.#streamingReady
    // This mark and those in #watch are read by the benchmark (bench/first-frame.ts, resume.ts,
    // app-peer.ts), which times the built app from inside the page; one entry per torrent and load.
    performance.mark(`torrent:stream-url:${infoHash}`)
    const url = this.#file(infoHash, fileIndex).streamURL
    // The start of the file comes first even before the player asks for it (its header, the index).
    this.setPlayhead(infoHash, fileIndex, { seconds: 0, duration: Number.NaN })
    return url
  }

  setPlayhead(infoHash: string, fileIndex: number, playhead: Playhead | null): void {
    const torrent = this.#find(infoHash)
    const file = torrent?.files[fileIndex]
    if (!torrent?.ready || torrent.destroyed || !file) return
    let priority = this.#streamPriority.get(infoHash)
    if (!priority) {
      priority = new StreamPriority(torrent, readHeadPieces(torrent.pieceLength ?? 0))
      this.#streamPriority.set(infoHash, priority)
    }
    priority.set(
      playhead &&
        streamWindow({
          fileOffset: file.offset,
          fileLength: file.length,
          pieceLength: torrent.pieceLength ?? 0,
          pieceCount: torrent.pieces?.length ?? 0,
          seconds: playhead.seconds,
          duration: playhead.duration,
          linkBytesPerSecond: torrent.downloadSpeed,
        }),
    )
  }

  fileBlob(infoHash: string, fileIndex: number): Promise<Blob> {
    return this.#file(infoHash, fileIndex).blob()
  }

  fileStream(infoHash: string, fileIndex: number): ReadableStream<Uint8Array> {
    return this.#file(infoHash, fileIndex).stream()
  }

  async saveDownload(infoHash: string, fileIndex: number | null): Promise<SaveDownload> {
    await this.#streamingReady
    const saves = this.#saves
    const torrent = this.#find(infoHash)
    if (!saves || !torrent?.ready) throw new UserFacingError(t('torrents.fileGone'))
    if (fileIndex !== null) {
      const file = this.#file(infoHash, fileIndex)
      return saves.offer({ name: file.name, length: file.length, open: () => file.stream() })
    }
    const entries = torrent.files.map((file) => ({
      // Single-file torrents have no folder: the archive still holds the file under its name.
      path: file.path.replace(/\\/g, '/'),
      length: file.length,
      open: () => file.stream(),
    }))
    return saves.offer(await zipSource(torrent.name ?? torrent.infoHash, entries))
  }

  async downloadedBytes(
    infoHash: string,
    fileIndex: number,
    start: number,
    maxLength: number,
  ): Promise<Uint8Array> {
    const torrent = this.#find(infoHash)
    const file = torrent?.files[fileIndex]
    if (!torrent?.ready || !torrent.bitfield || !torrent.pieceLength || !file || start < 0)
      return new Uint8Array(0)
    const end = Math.min(file.length, start + maxLength)
    const available = verifiedRunEnd(torrent.bitfield.buffer, torrent.pieceLength, file.offset, start, end)
    if (available <= start) return new Uint8Array(0)
    // Only verified pieces are in the range, so the read comes from storage and asks no peer. Its end
    // is inclusive, and an end of 0 would mean the whole file: a first byte alone is read with the next.
    const last = Math.max(available - 1, Math.min(1, file.length - 1))
    const bytes = new Uint8Array(await file.arrayBuffer({ start, end: last }))
    return bytes.subarray(0, available - start)
  }

  setLimits(limits: TransferLimits): void {
    this.#client.throttleDownload(limits.downloadBytesPerSecond ?? -1)
    // WebTorrent's upload throttle stays at its default (off): the limit is kept per block instead,
    // where the peers who paid can be served first.
    this.#uploads.setLimit(limits.uploadBytesPerSecond)
  }

  setUploadPriority(isPreferred: UploadPriority): void {
    this.#uploads.setPriority(isPreferred)
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  onWire(listener: (wire: PeerWire) => readonly WireExtension[]): () => void {
    this.#wireListeners.add(listener)
    return () => this.#wireListeners.delete(listener)
  }

  destroy(): Promise<void> {
    this.#stopTrackerEvents()
    return new Promise((resolve) =>
      this.#client.destroy((error) => {
        if (error)
          this.#emit({ type: 'failed', infoHash: null, message: errorText(error), storageFull: false })
        this.#listeners.clear()
        this.#wireListeners.clear()
        resolve()
      }),
    )
  }

  /**
   * An error before the torrent has started rejects the add (the caller reports it); after that it is
   * an event, because nobody is awaiting anything any more.
   */
  #watch(torrent: WebTorrentTorrent, rejectStart: (error: unknown) => void): { value: boolean } {
    const started = { value: false }
    coalesceRequestRefills(torrent)
    reconnectTrackersSooner(torrent)
    torrent.on('error', (error: unknown) => {
      if (!started.value) rejectStart(error)
      else {
        const infoHash = torrent.infoHash ?? null
        this.#emit({ type: 'failed', infoHash, message: errorText(error), storageFull: isQuotaError(error) })
      }
    })
    // Marks for profiles and the benchmark (resume to first byte, download time), once per page load.
    torrent.once('download', () => performance.mark(`torrent:first-byte:${torrent.infoHash}`))
    torrent.once('done', () => performance.mark(`torrent:done:${torrent.infoHash}`))
    torrent.once('metadata', () => performance.mark(`torrent:metadata:${torrent.infoHash}`))
    torrent.on('warning', (warning: unknown) => {
      const message = errorText(warning)
      // WebTorrent reports a failed hash check only as a warning.
      const failed = failedPieceIndex(message)
      if (failed !== null)
        this.#emit({ type: 'piece-checked', infoHash: torrent.infoHash, index: failed, passed: false })
      else this.#emit({ type: 'warning', infoHash: torrent.infoHash ?? null, message })
    })
    torrent.on('verified', (index: number) =>
      this.#emit({ type: 'piece-checked', infoHash: torrent.infoHash, index, passed: true }),
    )
    // Emitted inside the handshake, before the extended handshake: extensions registered now are announced.
    torrent.on('wire', (wire: WebTorrentWire) => this.#onWire(torrent, wire))
    return started
  }

  #onWire(torrent: WebTorrentTorrent, wire: WebTorrentWire): void {
    sendMessagesWhole(wire)
    if (this.#wrapBlockSends) wrapBlockSends(wire, this.#wrapBlockSends)
    this.#uploads.attach(torrent.infoHash, wire)
    const blocks = watchBlocks(torrent, wire)
    const peerWire: PeerWire = {
      infoHash: torrent.infoHash,
      remotePeerId: wire.peerId ?? '',
      localPeerId: this.#client.peerId,
      uploaded: () => wire.uploaded,
      downloaded: () => wire.downloaded,
      send: (name, payload) => wire.extended(name, payload),
      onBlock: (listener) => void blocks.answered.push(listener),
      onUnrequestedBlock: (listener) => void blocks.unrequested.push(listener),
      onClose: (listener) => wire.once('close', listener),
      destroy: () => wire.destroy(),
      channel: () => channelFingerprints(torrent, wire),
    }
    for (const listener of this.#wireListeners) {
      for (const extension of listener(peerWire)) {
        // Sent with the extended handshake, which follows this event: announces the extension's version.
        Object.assign(wire.extendedHandshake, extension.handshake ?? {})
        wire.use(extensionClass(extension))
      }
    }
  }

  /** `of.torrent` is the torrent once WebTorrent has returned it; before that, `options.paused` says. */
  #webTorrentOptions(options: AddOptions, of: { torrent: WebTorrentTorrent | null }): WebTorrentAddOptions {
    const store = this.#chunkStore()
    return {
      // A paused torrent sends its trackers no WebRTC offers (paused-announce.ts says why).
      getAnnounceOpts: pausedAnnounceOptions(() => of.torrent?.paused ?? options.paused === true),
      announce: [...options.trackers],
      urlList: [...(options.webSeeds ?? [])],
      ...(store ? { store } : {}),
      ...(options.verifiedPieces ? { bitfield: options.verifiedPieces } : {}),
      ...(options.paused ? { paused: true } : {}),
    }
  }

  #find(infoHash: string): WebTorrentTorrent | undefined {
    return this.#client.torrents.find((torrent) => torrent.infoHash === infoHash)
  }

  #file(infoHash: string, fileIndex: number) {
    const file = this.#find(infoHash)?.files[fileIndex]
    if (!file) throw new UserFacingError(t('torrents.fileGone'))
    return file
  }

  #emit(event: EngineEvent): void {
    for (const listener of this.#listeners) listener(event)
  }
}

type BlockListener = (piece: number, offset: number, bytes: number, pieceLength: number) => void

/**
 * The blocks a connection delivered, split by whether this client asked that connection for them
 * (only those can ever be credited). A block outside its piece is never reported as answered.
 */
function watchBlocks(torrent: WebTorrentTorrent, wire: WebTorrentWire) {
  const answered: BlockListener[] = []
  const unrequested: ((piece: number, offset: number, bytes: number) => void)[] = []
  watchRequestedBlocks(wire, {
    answered: (piece, offset, length) => {
      const pieceLength = lengthOfPiece(torrent, piece)
      if (pieceLength === null || offset + length > pieceLength) return
      for (const listener of answered) listener(piece, offset, length, pieceLength)
    },
    unrequested: (piece, offset, length) => {
      for (const listener of unrequested) listener(piece, offset, length)
    },
  })
  return { answered, unrequested }
}

/** The length of piece `index` (the last one is shorter), or null before the metadata or out of range. */
function lengthOfPiece(torrent: WebTorrentTorrent, index: number): number | null {
  const { pieceLength, length } = torrent
  const count = torrent.pieces?.length ?? 0
  if (!pieceLength || length === undefined || !Number.isInteger(index) || index < 0 || index >= count)
    return null
  return index === count - 1 ? length - pieceLength * (count - 1) : pieceLength
}

/** bittorrent-protocol wants a constructor whose prototype carries the extension's name. */
function extensionClass(extension: WireExtension): new (wire: WebTorrentWire) => unknown {
  class RegisteredExtension {
    onExtendedHandshake(handshake: { m?: Record<string, unknown> } & Record<string, unknown>): void {
      extension.onRemoteSupport(typeof handshake.m === 'object' && extension.name in handshake.m, handshake)
    }
    onMessage(payload: Uint8Array): void {
      extension.onMessage(payload)
    }
  }
  Object.defineProperty(RegisteredExtension.prototype, 'name', { value: extension.name })
  return RegisteredExtension
}

function lastPiece(torrent: WebTorrentTorrent): number {
  return Math.max(0, (torrent.pieces?.length ?? 1) - 1)
}

function describeTorrent(torrent: WebTorrentTorrent, files: FileInfo[]): TorrentInfo {
  const hasMetadata = torrent.ready
  const flowing = torrent.downloadSpeed > 0 && Number.isFinite(torrent.timeRemaining)
  return {
    infoHash: torrent.infoHash,
    name: torrent.name ?? torrent.infoHash,
    magnet: torrent.magnetURI,
    length: hasMetadata ? (torrent.length ?? 0) : null,
    progress: hasMetadata ? torrent.progress : 0,
    downloaded: torrent.downloaded,
    uploaded: torrent.uploaded,
    received: torrent.received,
    pieceLength: hasMetadata ? (torrent.pieceLength ?? 0) : 0,
    pieceCount: hasMetadata ? (torrent.pieces?.length ?? 0) : 0,
    downloadSpeed: torrent.downloadSpeed,
    uploadSpeed: torrent.uploadSpeed,
    peers: torrent.numPeers,
    timeRemaining: flowing && !torrent.done ? torrent.timeRemaining : null,
    hasMetadata,
    done: torrent.done,
    paused: torrent.paused,
    files,
  }
}

/** IndexedDB reports a full disk (or the browser's quota) as a DOMException of this name. */
function isQuotaError(value: unknown): boolean {
  return value instanceof DOMException && value.name === 'QuotaExceededError'
}
