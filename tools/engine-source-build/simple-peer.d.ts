/** The part of simple-peer (WebTorrent's WebRTC connection) that the source-build check uses. */
declare module '@thaunknown/simple-peer' {
  export default class SimplePeer {
    constructor(options?: { initiator?: boolean })
    id: string
    on(event: 'signal', listener: (signal: unknown) => void): this
    signal(signal: unknown): void
  }
}
