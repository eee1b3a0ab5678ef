/**
 * BEP 27 for a magnet: whether a torrent is private is written in its info dictionary, which a
 * magnet brings only with the metadata. Until then the torrent was announced to the user's trackers
 * as well; from then on only its own trackers may hear of it. WebTorrent has no call to drop a
 * tracker from a running torrent, so the connections to the added trackers are told "stopped" (the
 * tracker forgets this peer at once) and closed, and taken out of the Client's list so that later
 * announces (update, complete, the reconnect schedule) skip them.
 *
 * WebTorrent itself stops ut_pex on connections opened once it knows the torrent is private
 * (lib/torrent.js checks `this.private` for each new wire); connections opened before the metadata
 * keep the extension until they close.
 */
import { withTrackers } from '../input/torrent-file'
import { trackerKey } from '../input/tracker-policy'
import { trackerClientMembers, trackerConnectionMembers } from './internals'

/** Stops announcing `torrent` to every tracker in `urls`; returns how many connections were closed. */
export function stopAnnouncingTo(torrent: unknown, urls: readonly string[]): number {
  if (urls.length === 0) return 0
  const client = trackerClientMembers(torrent)
  if (!client) return 0
  const unwanted = new Set(urls.map(trackerKey))
  let stopped = 0
  client._trackers = client._trackers.filter((candidate) => {
    const tracker = trackerConnectionMembers(candidate)
    if (!tracker || !unwanted.has(trackerKey(tracker.announceUrl))) return true
    tracker.announce(client._defaultAnnounceOpts({ event: 'stopped' }))
    tracker.destroy()
    stopped++
    return false
  })
  return stopped
}

interface MetadataSource {
  readonly private?: boolean
  /** WebTorrent's public fields, made from the metadata once it arrives: what the user may share. */
  announce?: string[]
  magnetURI?: string
  torrentFile?: Uint8Array
  once(event: 'metadata', listener: () => void): unknown
}

/**
 * Once `torrent`'s metadata is in, a private torrent stops announcing to `added` (the trackers this
 * app added to what the torrent named), and its magnet link and .torrent no longer list them. A torrent that was known private from the start had none
 * added, so this matters for magnets.
 */
export function keepPrivateToOwnTrackers(torrent: MetadataSource, added: readonly string[]): void {
  if (added.length === 0) return
  torrent.once('metadata', () => {
    if (torrent.private !== true) return
    stopAnnouncingTo(torrent, added)
    // Nor may what the user shares of it (magnet link, .torrent) name the added trackers.
    const unwanted = new Set(added.map(trackerKey))
    const own = (url: string) => !unwanted.has(trackerKey(url))
    if (Array.isArray(torrent.announce)) torrent.announce = torrent.announce.filter(own)
    if (typeof torrent.magnetURI === 'string') torrent.magnetURI = magnetKeeping(torrent.magnetURI, own)
    if (torrent.torrentFile instanceof Uint8Array && Array.isArray(torrent.announce)) {
      torrent.torrentFile = withTrackers(torrent.torrentFile, torrent.announce)
    }
  })
}

/** The magnet link without the `tr` parameters `keep` refuses; every other parameter as written. */
export function magnetKeeping(magnet: string, keep: (tracker: string) => boolean): string {
  const query = magnet.indexOf('?')
  if (query < 0) return magnet
  const kept = magnet
    .slice(query + 1)
    .split('&')
    .filter((parameter) => {
      if (!parameter.startsWith('tr=')) return true
      try {
        return keep(decodeURIComponent(parameter.slice(3)))
      } catch {
        return true
      }
    })
  return `${magnet.slice(0, query + 1)}${kept.join('&')}`
}
