/**
 * How soon a WebSocket tracker connection is retried after the tracker went away.
 *
 * WebTorrent's tracker client (bittorrent-tracker, lib/client/websocket-tracker.js) waits
 * 10 s × 2^retries plus a random 0–300 s before reconnecting, and only then announces again. A server
 * may want that; a tab does not: after a tracker restart of a few seconds, peers stayed unreachable
 * for up to five minutes, and a torrent added while the tracker was down found nobody for as long.
 * Here the wait starts at 1–2 s and doubles up to 30–60 s. The random half ("equal jitter") keeps a
 * restarted public tracker from being hit by every tab at the same instant.
 */

import { discoveryMembers, webSocketTrackerPrototype, type WebSocketTrackerMembers } from './internals'

const FIRST_RETRY_MS = 2_000
const MAX_RETRY_MS = 60_000

/** The wait before reconnection attempt `retries` (0 for the first): a random point in [base/2, base]. */
export function reconnectDelayMs(retries: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.min(retries, 16), MAX_RETRY_MS)
  return Math.round(base / 2 + (base / 2) * random())
}

const patched = new WeakSet<object>()
const connectionListeners = new Set<(announceUrl: string) => void>()

/** Told the URL each time a tracker connection opens (again); returns the disposer. */
export function onTrackerConnected(listener: (announceUrl: string) => void): () => void {
  connectionListeners.add(listener)
  return () => connectionListeners.delete(listener)
}

/**
 * Applies the schedule to a torrent's tracker connections as soon as they exist (discovery start).
 * Without the members (another webtorrent build) trackers reconnect on WebTorrent's own schedule.
 */
export function reconnectTrackersSooner(target: unknown): void {
  const torrent = discoveryMembers(target)
  if (!torrent) return
  const startDiscovery = torrent._startDiscovery.bind(torrent)
  torrent._startDiscovery = () => {
    startDiscovery()
    quickenTrackerReconnects(torrent.discovery?.tracker?._trackers ?? [])
  }
}

/**
 * Makes every WebSocket tracker connection of this kind reconnect on the schedule above and report
 * each (re)connection to the listeners. `trackers` are one torrent's tracker connections.
 */
export function quickenTrackerReconnects(trackers: readonly unknown[]): void {
  for (const tracker of trackers) {
    const prototype = webSocketTrackerPrototype(tracker)
    if (!prototype || patched.has(prototype)) continue
    patched.add(prototype)
    const connected = prototype._onSocketConnect
    prototype._onSocketConnect = function (this: WebSocketTrackerMembers) {
      connected.call(this)
      for (const listener of connectionListeners) listener(this.announceUrl)
    }
    // The original's steps, on a shorter clock.
    prototype._startReconnectTimer = function (this: WebSocketTrackerMembers) {
      this.reconnecting = true
      if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
      this.reconnectTimer = setTimeout(() => {
        this.retries++
        this._openSocket()
      }, reconnectDelayMs(this.retries))
    }
  }
}
