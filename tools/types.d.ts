declare module 'create-torrent' {
  type Callback = (err: Error | null, torrent: Uint8Array) => void
  export default function createTorrent(input: unknown, opts: Record<string, unknown>, cb: Callback): void
}

declare module 'bittorrent-tracker/server' {
  import { EventEmitter } from 'node:events'
  import type { Server as HttpServer } from 'node:http'
  export default class Server extends EventEmitter {
    /** The HTTP server the WebSocket tracker is attached to (ws: true, http: false). */
    readonly http: HttpServer | null
    /** One swarm per info hash (hex) announced since the server started. */
    readonly torrents: Record<string, unknown>
    constructor(options: { udp: boolean; http: boolean; ws: boolean; stats: boolean; interval?: number })
    listen(port: number, host: string, onListening: () => void): void
    close(onClosed: () => void): void
  }
}
