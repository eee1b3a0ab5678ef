/**
 * Tracker reconnection on a real WebTorrent torrent (the prebuilt bundle the app ships) whose only
 * tracker refuses connections (nothing listens on port 9): the private methods replaced must still
 * exist, and the refused connection must be retried within seconds, not WebTorrent's 10–310 s.
 */
import WebTorrent from 'webtorrent/dist/webtorrent.min.js'
import type { DiscoveryMembers } from './internals'
import { afterEach, expect, it } from 'vitest'
import { reconnectTrackersSooner } from './tracker-reconnect'

const REFUSING_TRACKER = 'ws://127.0.0.1:9'
const clients: WebTorrent[] = []
afterEach(() => clients.splice(0).forEach((client) => client.destroy()))

interface TrackerConnection {
  readonly announceUrl: string
  _openSocket(): void
}

function trackersOf(torrent: DiscoveryMembers): TrackerConnection[] {
  return (torrent.discovery?.tracker?._trackers ?? []) as TrackerConnection[]
}

it('retries a refused tracker within two seconds', async () => {
  const client = new WebTorrent({ dht: false, lsd: false, webSeeds: false })
  clients.push(client)
  const torrent = client.add('0123456789abcdef0123456789abcdef01234567', {
    announce: [REFUSING_TRACKER],
  }) as unknown as DiscoveryMembers
  expect(typeof torrent._startDiscovery).toBe('function')
  reconnectTrackersSooner(torrent)

  await expect.poll(() => trackersOf(torrent).length).toBe(1)
  const [tracker] = trackersOf(torrent)
  if (!tracker) throw new Error('no tracker connection')
  expect(tracker.announceUrl).toBe(REFUSING_TRACKER)
  let reopened = 0
  const openSocket = tracker._openSocket.bind(tracker)
  tracker._openSocket = () => {
    reopened++
    openSocket()
  }
  // Refused at once; the first retry comes 1–2 s later, the second 2–4 s after that.
  await expect.poll(() => reopened, { timeout: 4_000 }).toBeGreaterThanOrEqual(1)
})
