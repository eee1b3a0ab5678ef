/**
 * The torrent engine as the rest of the app sees it: plain data out, plain calls in. Nothing above
 * this file holds a WebTorrent object, so the engine can be swapped or faked for UI work.
 */
import type { MediaKind } from './media'
import type { PieceActivity } from '../storage/piece-map'
import type { AuditResult } from '../storage/piece-audit'
import type { SaveDownload } from './save-downloads'

export interface FileInfo {
  index: number
  name: string
  path: string
  length: number
  progress: number
  media: MediaKind | null
  /** False when the user chose not to download this file. */
  wanted: boolean
}

export interface TorrentInfo {
  infoHash: string
  name: string
  magnet: string
  /** null until the metadata has arrived from a peer. */
  length: number | null
  progress: number
  downloaded: number
  uploaded: number
  /** 0 until the metadata has arrived. */
  pieceLength: number
  pieceCount: number
  /** Bytes received from peers since this page load (wire statistics, including discarded data). */
  received: number
  downloadSpeed: number
  uploadSpeed: number
  peers: number
  /** Milliseconds, or null when nothing is flowing. */
  timeRemaining: number | null
  hasMetadata: boolean
  done: boolean
  paused: boolean
  files: FileInfo[]
}

export interface AddOptions {
  /**
   * Trackers added to whatever the torrent already lists (the user's, for a public torrent). Should
   * the metadata say the torrent is private (BEP 27), they are no longer announced to.
   */
  trackers: readonly string[]
  /** BEP 19 web seeds (HTTP copies of the content). */
  webSeeds?: readonly string[]
  /** Pieces already verified in storage, so that resuming does not re-hash them. */
  verifiedPieces?: Uint8Array
  paused?: boolean
}

export type EngineEvent =
  /** A torrent failed for good and was removed from the engine. */
  | { type: 'failed'; infoHash: string | null; message: string; storageFull: boolean }
  /** Something recoverable went wrong (tracker down, peer misbehaved). */
  | { type: 'warning'; infoHash: string | null; message: string }
  /** A piece passed (or failed) its hash check: what the verified-bytes meter pays on. */
  | { type: 'piece-checked'; infoHash: string; index: number; passed: boolean }
  /** A tracker connection opened (again): whatever was said of that tracker being down is over. */
  | { type: 'tracker-connected'; url: string }

/**
 * A BitTorrent extension (BEP 10) on one connection: registered before the extended handshake, told
 * whether the remote supports it, and handed the remote's messages as raw bytes.
 */
export interface WireExtension {
  readonly name: string
  /** Entries this side adds to its BEP 10 extended handshake (how a protocol version is announced). */
  readonly handshake?: Readonly<Record<string, number>>
  /** Called once with the remote's extended handshake, whose other keys may announce a version. */
  onRemoteSupport(supported: boolean, remoteHandshake: Readonly<Record<string, unknown>>): void
  onMessage(payload: Uint8Array): void
}

/** One connection to a peer, as the tipping layer sees it (never a WebTorrent object). */
export interface PeerWire {
  readonly infoHash: string
  /** The id the remote sent in its handshake (hex). */
  readonly remotePeerId: string
  readonly localPeerId: string
  /** Bytes sent to / received from this peer on this connection. */
  uploaded(): number
  downloaded(): number
  send(extension: string, payload: Uint8Array): void
  /**
   * Each block this client requested from this very connection, as it arrives: the piece, offset and
   * length asked for, and the piece's length, before the piece's hash is checked.
   */
  onBlock(listener: (piece: number, offset: number, bytes: number, pieceLength: number) => void): void
  /** Each piece message that answered no request of this connection (unrequested, misplaced, oversized). */
  onUnrequestedBlock(listener: (piece: number, offset: number, bytes: number) => void): void
  onClose(listener: () => void): void
  destroy(): void
  /**
   * The DTLS certificate fingerprints of this connection's WebRTC transport (the `a=fingerprint`
   * lines of the local and remote session descriptions), or null when there are none to read (not a
   * WebRTC connection, or the engine cannot reach it). A relay has other fingerprints on each side.
   */
  channel(): ChannelFingerprints | null
}

/** Each side's DTLS certificate fingerprint(s), normalised: `sha-256 AB:CD:…`, sorted, space separated. */
export interface ChannelFingerprints {
  local: string
  remote: string
}

export interface Playhead {
  seconds: number
  duration: number
}

export interface TransferLimits {
  /** Bytes per second; null means unlimited. */
  downloadBytesPerSecond: number | null
  uploadBytesPerSecond: number | null
}

export interface TorrentEngine {
  /** Resolves with the info hash as soon as it is known (before metadata for a magnet). */
  add(id: string | Uint8Array, options: AddOptions): Promise<string>
  /** Hashes the files, then resolves with the info hash once they are being seeded. */
  seed(files: readonly File[], options: AddOptions): Promise<string>
  has(infoHash: string): boolean
  pause(infoHash: string): void
  resume(infoHash: string): void
  remove(infoHash: string, options: { deleteData: boolean }): Promise<void>
  /** Current statistics of every torrent; cheap enough to call a few times a second. */
  snapshot(): TorrentInfo[]
  torrentFile(infoHash: string): Uint8Array | null
  /** Resolves once the torrent has its metadata and has checked its store. */
  whenReady(infoHash: string): Promise<void>
  /** Which files to download; the others get no requests (pieces they share with wanted files still do). */
  setUnwantedFiles(infoHash: string, unwanted: readonly number[]): void
  /** Forgets a piece that was verified (its stored copy turned out damaged) so it is fetched again. */
  discardPiece(infoHash: string, index: number): void
  /** Pieces kept in storage by earlier visits: each was written only after its hash checked out. */
  storedPieces(infoHash: string): Promise<ReadonlySet<number>>
  /** Re-checks the stored pieces against their hashes; a damaged one is deleted and fetched again. */
  auditStoredPieces(infoHash: string, pieceHashes: Uint8Array): Promise<AuditResult>
  /** Deletes every stored piece, also those of torrents no longer in the engine. */
  deleteAllData(): Promise<void>
  /** The bitfield of verified pieces, or null before the metadata is known. */
  verifiedPieces(infoHash: string): Uint8Array | null
  /** Pieces being fetched and pieces an open stream waits for (the pieces map); null before the metadata. */
  pieceActivity(infoHash: string): PieceActivity | null
  /** A same-origin URL that streams the file through the service worker, with range support. */
  streamUrl(infoHash: string, fileIndex: number): Promise<string>
  /**
   * Where the player of this file is (seconds into the media, and its duration: NaN while unknown),
   * or null when it closed: the pieces it needs next are fetched before anything else.
   */
  setPlayhead(infoHash: string, fileIndex: number, playhead: Playhead | null): void
  /** The whole file once it has downloaded (small files only: it is held in memory). */
  fileBlob(infoHash: string, fileIndex: number): Promise<Blob>
  /**
   * The file's bytes in order, read from storage as they pass their hash check; its pieces are
   * fetched first, as for a stream, and the read waits for those still missing.
   */
  fileStream(infoHash: string, fileIndex: number): ReadableStream<Uint8Array>
  /**
   * A one-time same-origin URL that the browser downloads to disk as an attachment, streamed through
   * the service worker: the file, or with a null index, the whole torrent as a ZIP of its folder.
   */
  saveDownload(infoHash: string, fileIndex: number | null): Promise<SaveDownload>
  /**
   * The file's bytes from `start` that have downloaded and passed their hash check, at most
   * `maxLength`: fewer, or none, when a piece after `start` has not. Never asks peers for anything.
   */
  downloadedBytes(infoHash: string, fileIndex: number, start: number, maxLength: number): Promise<Uint8Array>
  setLimits(limits: TransferLimits): void
  /**
   * Which peers are served first while an upload limit is set (those who paid us), asked for each
   * block as it is queued. The others still get at least a tenth of the limit when both want more,
   * and all of it when the preferred peers want nothing. Without a limit this changes nothing.
   */
  setUploadPriority(isPreferred: (infoHash: string, remotePeerId: string) => boolean): void
  onEvent(listener: (event: EngineEvent) => void): () => void
  /**
   * Called for each new connection, synchronously, before the extended handshake is sent: the
   * returned extensions are announced to the peer. Returns the disposer.
   */
  onWire(listener: (wire: PeerWire) => readonly WireExtension[]): () => void
  /**
   * Closes every connection and torrent; resolves once the pieces received are written (another
   * tab may open the same storage next). Never rejects: an error is an event, as for any torrent.
   */
  destroy(): Promise<void>
}
