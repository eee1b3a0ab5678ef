/**
 * A local WebSocket tracker (the real bittorrent-tracker server) for development and tests, so two
 * tabs on one machine find each other without the internet. Loopback only.
 */
import type { Socket } from 'node:net'
import Server from 'bittorrent-tracker/server'

/** One announce as the tracker received it (answers to offers are not announces of their own). */
export interface TrackerAnnounce {
  /** Milliseconds since the epoch, when the tracker had processed it. */
  at: number
  infoHash: string
  peerId: string
  /** Bytes the peer still lacks: 0 for a seeder. */
  left: number
  /** WebRTC offers it carried: each is forwarded to a peer of the swarm, which answers. */
  offers: number
}

export interface RunningTracker {
  url: string
  /** The info hashes (hex) announced to this tracker since it started. */
  infoHashes(): string[]
  /** Every announce received since it started, oldest first. */
  announces(): readonly TrackerAnnounce[]
  /** Stops the tracker as a crash or restart would: every peer's connection is cut as well. */
  close(): Promise<void>
}

/** What the server passes with its announce events (bittorrent-tracker server.js, WebSocket requests). */
interface AnnounceParams {
  info_hash?: unknown
  peer_id?: unknown
  left?: unknown
  offers?: unknown
  answer?: unknown
}

export function startTracker(port: number, host = '127.0.0.1'): Promise<RunningTracker> {
  // A short announce interval: peers re-announce quickly after a page reload during development.
  const server = new Server({ udp: false, http: false, ws: true, stats: false, interval: 30_000 })
  server.on('warning', (error: Error) => console.warn(`[tracker] ${error.message}`))
  const announces: TrackerAnnounce[] = []
  const record = (_peer: string, params: AnnounceParams) => {
    if (params.answer) return
    announces.push({
      at: Date.now(),
      infoHash: String(params.info_hash),
      peerId: String(params.peer_id),
      left: Number(params.left),
      offers: Array.isArray(params.offers) ? params.offers.length : 0,
    })
  }
  for (const event of ['start', 'update', 'complete', 'stop', 'pause']) server.on(event, record)
  // Closing the server alone leaves open WebSocket connections up (ws tracks none here).
  const connections = new Set<Socket>()
  server.http?.on('connection', (socket: Socket) => {
    connections.add(socket)
    socket.once('close', () => connections.delete(socket))
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      // Port 0 asks the system for a free one: the URL names the port actually bound.
      const address = server.http?.address()
      const bound = typeof address === 'object' && address !== null ? address.port : port
      const url = `ws://${host}:${bound}`
      resolve({
        url,
        infoHashes: () => Object.keys(server.torrents),
        announces: () => announces,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            for (const socket of connections) socket.destroy()
          }),
      })
    })
  })
}
