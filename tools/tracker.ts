/**
 * A local WebSocket tracker (the real bittorrent-tracker server) for development and tests, so two
 * tabs on one machine find each other without the internet. Loopback only.
 */
import type { Socket } from 'node:net'
import Server from 'bittorrent-tracker/server'

export interface RunningTracker {
  url: string
  /** The info hashes (hex) announced to this tracker since it started. */
  infoHashes(): string[]
  /** Stops the tracker as a crash or restart would: every peer's connection is cut as well. */
  close(): Promise<void>
}

export function startTracker(port: number, host = '127.0.0.1'): Promise<RunningTracker> {
  // A short announce interval: peers re-announce quickly after a page reload during development.
  const server = new Server({ udp: false, http: false, ws: true, stats: false, interval: 30_000 })
  server.on('warning', (error: Error) => console.warn(`[tracker] ${error.message}`))
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
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            for (const socket of connections) socket.destroy()
          }),
      })
    })
  })
}
