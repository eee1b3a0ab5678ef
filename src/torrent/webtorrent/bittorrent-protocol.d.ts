/**
 * Types for bittorrent-protocol, the connection class WebTorrent's bundle carries inside it. The app
 * never imports it; tests do, to run the upload pacing on real connections joined back to back.
 */
declare module 'bittorrent-protocol' {
  import type { WebTorrentWire } from 'webtorrent/dist/webtorrent.min.js'

  export interface ProtocolWire extends WebTorrentWire {
    readonly peerChoking: boolean
    pipe<T>(destination: T): T
    /** Ids as 40 hex characters. */
    handshake(infoHash: string, peerId: string, extensions?: { fast?: boolean }): void
    unchoke(): void
    request(
      index: number,
      offset: number,
      length: number,
      callback: (error: Error | null, block: Uint8Array | null) => void,
    ): void
    cancel(index: number, offset: number, length: number): void
    removeAllListeners(event?: string): this
  }

  const Wire: new () => ProtocolWire
  export default Wire
}
