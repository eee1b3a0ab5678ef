/**
 * Types for the public part of WebTorrent's prebuilt browser bundle that webtorrent-engine.ts uses.
 * The bundle ships no types, and importing WebTorrent from source would pull Node built-ins into Vite.
 * The private members some patches touch are listed, typed and guarded in internals.ts.
 */
declare module 'webtorrent/dist/webtorrent.min.js' {
  type Listener = (...args: never[]) => void

  interface Emitter {
    on(event: string, listener: Listener): this
    once(event: string, listener: Listener): this
    removeListener(event: string, listener: Listener): this
  }

  export interface WebTorrentFile {
    readonly name: string
    readonly path: string
    readonly length: number
    /** Where the file starts in the torrent's bytes. */
    readonly offset: number
    readonly downloaded: number
    readonly progress: number
    readonly done: boolean
    readonly streamURL: string
    /** Where the file's bytes start in the torrent. */
    readonly offset: number
    blob(): Promise<Blob>
    /** The file's bytes in order; reading waits for missing pieces, which are fetched first. */
    stream(): ReadableStream<Uint8Array>
    /** Bytes `start` to `end` inclusive (an `end` of 0 or none means to the end of the file). */
    arrayBuffer(range: { start: number; end: number }): Promise<ArrayBuffer>
    select(): void
    deselect(): void
  }

  /** bittorrent-protocol's Wire, as far as the engine uses it. */
  export interface WebTorrentWire extends Emitter {
    readonly peerId: string | null
    readonly uploaded: number
    readonly downloaded: number
    readonly destroyed: boolean
    /** Whether we are choking the remote: it may then ask for nothing. */
    readonly amChoking: boolean
    /** Whether both sides speak the Fast extension (BEP 6), under which every request gets an answer. */
    readonly hasFast: boolean
    destroy(): void
    /** Sends one block the remote asked for; its request handler calls it through `this`. */
    piece(index: number, offset: number, block: Uint8Array): void
    choke(): void
    /** BEP 6 refusal of a request (only when `hasFast`). */
    reject(index: number, offset: number, length: number): void
    /** Registers a BEP 10 extension: a constructor taking the wire, with `prototype.name`. */
    use(extension: new (wire: WebTorrentWire) => unknown): void
    extended(name: string, payload: Uint8Array): void
    /** bittorrent-protocol: merged into the extended handshake this side sends. */
    readonly extendedHandshake: Record<string, unknown>
  }

  export interface WebTorrentTorrent extends Emitter {
    readonly infoHash: string
    readonly magnetURI: string
    readonly name: string | undefined
    readonly length: number | undefined
    readonly ready: boolean
    readonly done: boolean
    readonly paused: boolean
    readonly destroyed: boolean
    readonly progress: number
    readonly downloaded: number
    readonly uploaded: number
    /** Bytes received from peers since this torrent object was created (this page load). */
    readonly received: number
    readonly pieceLength: number | undefined
    readonly pieces: readonly unknown[] | undefined
    readonly bitfield: { readonly buffer: Uint8Array } | undefined
    readonly downloadSpeed: number
    readonly uploadSpeed: number
    readonly numPeers: number
    readonly timeRemaining: number
    readonly torrentFile: Uint8Array | undefined
    readonly files: WebTorrentFile[]
    readonly wires: WebTorrentWire[]
    readonly urlList: string[] | undefined
    readonly discovery?: { tracker?: { update(): void } | null } | null
    pause(): void
    resume(): void
    addWebSeed(url: string): void
    select(start: number, end: number): void
    deselect(start: number, end: number): void
  }

  export interface AddOptions {
    announce?: string[]
    urlList?: string[]
    paused?: boolean
    /** Called at each announce: what it returns overrides the announce's fields (numwant, ...). */
    getAnnounceOpts?: () => Record<string, unknown>
    /** Pieces known to be verified in the store: skips re-hashing them (a few are spot-checked). */
    bitfield?: Uint8Array
    /** A chunk-store class; WebTorrent constructs it with (pieceLength, { torrent, length, ... }). */
    store?: new (chunkLength: number, options: { torrent: { infoHash: string }; length: number }) => unknown
  }

  export default class WebTorrent implements Emitter {
    constructor(options?: {
      uploadLimit?: number
      downloadLimit?: number
      maxConns?: number
      tracker?: boolean
      dht?: boolean
      lsd?: boolean
      webSeeds?: boolean
      /** 40 hex digits: the id announced to trackers and sent in handshakes. */
      peerId?: string
    })
    readonly torrents: WebTorrentTorrent[]
    /** This client's peer id (hex), sent in every handshake. */
    readonly peerId: string
    on(event: string, listener: Listener): this
    once(event: string, listener: Listener): this
    removeListener(event: string, listener: Listener): this
    add(id: string | Uint8Array, options?: AddOptions): WebTorrentTorrent
    seed(
      input: File[],
      options: AddOptions & { name?: string },
      onSeed: (torrent: WebTorrentTorrent) => void,
    ): WebTorrentTorrent
    remove(torrent: WebTorrentTorrent, options: { destroyStore: boolean }): Promise<void>
    createServer(options: { controller: ServiceWorkerRegistration }): unknown
    throttleDownload(rate: number): void
    throttleUpload(rate: number): void
    /** Calls back once every torrent is destroyed, its store closed (pieces written) included. */
    destroy(callback?: (error?: unknown) => void): void
  }
}
