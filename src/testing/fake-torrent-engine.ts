/**
 * An in-memory `TorrentEngine` for the workflow tests: torrents are records, "stored pieces" a map,
 * events are emitted by the test. Nothing is downloaded; every call is recorded.
 */
import type {
  AddOptions,
  EngineEvent,
  PeerWire,
  TorrentEngine,
  TorrentInfo,
  TransferLimits,
  WireExtension,
} from '../torrent/engine/engine'
import type { AuditResult } from '../torrent/storage/piece-audit'
import type { SaveDownload } from '../torrent/engine/save-downloads'
import { inspectTorrentFile } from '../torrent/input/torrent-file'

export interface FakeTorrent {
  info: TorrentInfo
  torrentFile: Uint8Array | null
  options: AddOptions
  unwanted: readonly number[]
}

export class FakeTorrentEngine implements TorrentEngine {
  readonly torrents = new Map<string, FakeTorrent>()
  /** Piece indices "in IndexedDB", per info hash; kept by remove unless it deletes data. */
  readonly stored = new Map<string, Set<number>>()
  readonly adds: { id: string | Uint8Array; options: AddOptions }[] = []
  /** Info hashes whose add is refused, as a broken torrent would be. */
  readonly refuse = new Set<string>()
  limits: TransferLimits | null = null
  readonly #listeners = new Set<(event: EngineEvent) => void>()
  readonly #wireListeners = new Set<(wire: PeerWire) => readonly WireExtension[]>()
  #seeded = 0

  async add(id: string | Uint8Array, options: AddOptions): Promise<string> {
    this.adds.push({ id, options })
    const bytes = typeof id === 'string' ? null : id
    const infoHash = bytes ? (await inspectTorrentFile(bytes)).infoHash : infoHashOf(id as string)
    if (this.refuse.has(infoHash)) throw new Error(`refused ${infoHash}`)
    if (this.torrents.has(infoHash)) throw new Error(`duplicate ${infoHash}`)
    this.torrents.set(infoHash, {
      info: fakeInfo(infoHash, { paused: options.paused ?? false, hasMetadata: bytes !== null }),
      torrentFile: bytes,
      options,
      unwanted: [],
    })
    return infoHash
  }

  seed(files: readonly File[], options: AddOptions): Promise<string> {
    const infoHash = (++this.#seeded).toString(16).padStart(40, '5')
    this.torrents.set(infoHash, {
      info: fakeInfo(infoHash, { name: files[0]?.name ?? '', done: true, progress: 1 }),
      torrentFile: null,
      options,
      unwanted: [],
    })
    return Promise.resolve(infoHash)
  }

  has(infoHash: string): boolean {
    return this.torrents.has(infoHash)
  }
  pause(infoHash: string): void {
    this.#set(infoHash, { paused: true })
  }
  resume(infoHash: string): void {
    this.#set(infoHash, { paused: false })
  }

  remove(infoHash: string, options: { deleteData: boolean }): Promise<void> {
    this.torrents.delete(infoHash)
    if (options.deleteData) this.stored.delete(infoHash)
    return Promise.resolve()
  }

  snapshot(): TorrentInfo[] {
    return [...this.torrents.values()].map((torrent) => ({ ...torrent.info }))
  }
  torrentFile(infoHash: string): Uint8Array | null {
    return this.torrents.get(infoHash)?.torrentFile ?? null
  }
  whenReady(): Promise<void> {
    return Promise.resolve()
  }
  setUnwantedFiles(infoHash: string, unwanted: readonly number[]): void {
    const torrent = this.torrents.get(infoHash)
    if (torrent) torrent.unwanted = [...unwanted]
  }
  discardPiece(infoHash: string, index: number): void {
    this.stored.get(infoHash)?.delete(index)
  }
  storedPieces(infoHash: string): Promise<ReadonlySet<number>> {
    return Promise.resolve(new Set(this.stored.get(infoHash)))
  }
  auditStoredPieces(infoHash: string): Promise<AuditResult> {
    return Promise.resolve({ checked: this.stored.get(infoHash)?.size ?? 0, damaged: [] })
  }
  deleteAllData(): Promise<void> {
    this.stored.clear()
    return Promise.resolve()
  }
  verifiedPieces(): Uint8Array | null {
    return null
  }
  pieceActivity(): null {
    return null
  }
  streamUrl(infoHash: string, fileIndex: number): Promise<string> {
    return Promise.resolve(`/stream/${infoHash}/${fileIndex}`)
  }
  setPlayhead(): void {}
  fileBlob(_infoHash: string, _fileIndex: number): Promise<Blob> {
    return Promise.resolve(new Blob([]))
  }
  /** An empty file: a test that needs bytes overrides this. */
  fileStream(_infoHash: string, _fileIndex: number): ReadableStream<Uint8Array> {
    return new ReadableStream({ start: (controller) => controller.close() })
  }
  saveDownload(infoHash: string, fileIndex: number | null): Promise<SaveDownload> {
    return Promise.resolve({
      url: `/save/${infoHash}/${fileIndex ?? 'all'}`,
      finished: Promise.resolve('saved'),
    })
  }
  /** Nothing has downloaded: a test that needs bytes overrides this. */
  downloadedBytes(
    _infoHash: string,
    _fileIndex: number,
    _start: number,
    _maxLength: number,
  ): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(0))
  }
  setLimits(limits: TransferLimits): void {
    this.limits = limits
  }
  setUploadPriority(): void {}

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
  onWire(listener: (wire: PeerWire) => readonly WireExtension[]): () => void {
    this.#wireListeners.add(listener)
    return () => this.#wireListeners.delete(listener)
  }

  /** A connection opens: the listeners see it, as WebTorrent's `wire` event would have them. */
  connect(wire: PeerWire): WireExtension[] {
    return [...this.#wireListeners].flatMap((listener) => listener(wire))
  }
  destroy(): Promise<void> {
    this.torrents.clear()
    return Promise.resolve()
  }

  /** What WebTorrent does on a failed write: the torrent is gone, then the event comes. */
  fail(infoHash: string, storageFull: boolean): void {
    this.torrents.delete(infoHash)
    this.emit({ type: 'failed', infoHash, message: 'write failed', storageFull })
  }

  emit(event: EngineEvent): void {
    for (const listener of this.#listeners) listener(event)
  }

  /** The metadata of a torrent added by magnet arrives, as WebTorrent's torrent file `bytes`. */
  metadata(infoHash: string, bytes: Uint8Array): void {
    const torrent = this.torrents.get(infoHash)
    if (!torrent) return
    torrent.torrentFile = bytes
    this.#set(infoHash, { hasMetadata: true })
  }

  /** Changes a torrent's statistics, as downloading would. */
  progress(infoHash: string, changes: Partial<TorrentInfo>): void {
    this.#set(infoHash, changes)
  }

  #set(infoHash: string, changes: Partial<TorrentInfo>): void {
    const torrent = this.torrents.get(infoHash)
    if (torrent) torrent.info = { ...torrent.info, ...changes }
  }
}

function infoHashOf(id: string): string {
  const hex = /([0-9a-f]{40})/i.exec(id)?.[1]
  if (!hex) throw new Error(`no info hash in ${id}`)
  return hex.toLowerCase()
}

export function fakeInfo(infoHash: string, changes: Partial<TorrentInfo>): TorrentInfo {
  return {
    infoHash,
    name: `torrent ${infoHash.slice(0, 6)}`,
    magnet: `magnet:?xt=urn:btih:${infoHash}`,
    length: null,
    progress: 0,
    downloaded: 0,
    uploaded: 0,
    pieceLength: 0,
    pieceCount: 0,
    received: 0,
    downloadSpeed: 0,
    uploadSpeed: 0,
    peers: 0,
    timeRemaining: null,
    hasMetadata: false,
    done: false,
    paused: false,
    files: [],
    ...changes,
  }
}

/** A one-piece private (BEP 27) .torrent announcing to `tracker` only. */
export function privateTorrentFile(tracker: string): Uint8Array {
  const encoder = new TextEncoder()
  const head = `d8:announce${tracker.length}:${tracker}4:infod6:lengthi16384e4:name7:private12:piece lengthi16384e6:pieces20:`
  const tail = '7:privatei1eee'
  return new Uint8Array([...encoder.encode(head), ...new Uint8Array(20).fill(9), ...encoder.encode(tail)])
}

/** A minimal single-file .torrent: `pieceCount` pieces of 16 KiB, named `name`. */
export function tinyTorrentFile(name: string, pieceCount: number): Uint8Array {
  const text = (value: string) => `${new TextEncoder().encode(value).length}:${value}`
  const head = `d4:infod6:lengthi${pieceCount * 16384}e4:name${text(name)}12:piece lengthi16384e6:pieces${pieceCount * 20}:`
  const encoder = new TextEncoder()
  const hashes = new Uint8Array(pieceCount * 20).fill(name.length)
  const tail = encoder.encode('ee')
  return new Uint8Array([...encoder.encode(head), ...hashes, ...tail])
}
