/** The part of WebTorrent's streaming server (the source the prebuilt bundle is built from) the fuzzer drives. */
declare module 'webtorrent/lib/server.js' {
  export class BrowserServer {
    constructor(client: unknown, options: { controller: { scope: string } })
    readonly pathname: string
    workerKeepAliveInterval: ReturnType<typeof setInterval> | null
    close(callback?: () => void): void
  }
}
