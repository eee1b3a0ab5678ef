/**
 * BEP 27 for a magnet, on the bundle the app ships (webtorrent/dist/webtorrent.min.js) in real
 * Chromium: a torrent added by magnet with an added tracker learns from its metadata that it is
 * private, and stops announcing to the added tracker while keeping its own. Injected: the metadata,
 * handed to the torrent's `_onMetadata` as ut_metadata would hand it (no peer is involved); the
 * trackers are refused connections (nothing listens on port 9), which is enough to hold a tracker
 * connection in the Client's list.
 */
import WebTorrent from 'webtorrent/dist/webtorrent.min.js'
import { afterEach, expect, it } from 'vitest'
import { trackerClientMembers } from './internals'
import { keepPrivateToOwnTrackers } from './private-trackers'
import { concatBytes } from '../../shared/bytes'

const OWN = 'ws://127.0.0.1:9/own'
const ADDED = 'ws://127.0.0.1:9/added'
const clients: WebTorrent[] = []
afterEach(() => clients.splice(0).forEach((client) => client.destroy()))

const ascii = (text: string) => new TextEncoder().encode(text)

/** A one-piece torrent's info dictionary, private or not, and its info hash. */
async function infoOf(isPrivate: boolean): Promise<{ info: Uint8Array; infoHash: string }> {
  const info = concatBytes([
    ascii('d6:lengthi16384e4:name5:a.bin12:piece lengthi16384e6:pieces20:'),
    new Uint8Array(20).fill(7),
    ascii(isPrivate ? '7:privatei1ee' : 'e'),
  ])
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', info.slice()))
  return { info, infoHash: Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('') }
}

function announcedTo(torrent: unknown): string[] {
  return (trackerClientMembers(torrent)?._trackers ?? []).map(
    (tracker) => (tracker as { announceUrl: string }).announceUrl,
  )
}

async function magnetTorrentWithMetadata(isPrivate: boolean) {
  const { info, infoHash } = await infoOf(isPrivate)
  const client = new WebTorrent({ dht: false, lsd: false, webSeeds: false })
  clients.push(client)
  const torrent = client.add(`magnet:?xt=urn:btih:${infoHash}&tr=${encodeURIComponent(OWN)}`, {
    announce: [ADDED],
  })
  keepPrivateToOwnTrackers(torrent, [ADDED])
  await expect.poll(() => announcedTo(torrent).sort()).toEqual([ADDED, OWN].sort())
  const metadata = new Promise<void>((resolve) => torrent.once('metadata', () => resolve()))
  const members = torrent as unknown as { _onMetadata(metadata: Uint8Array): Promise<void> }
  await members._onMetadata(concatBytes([ascii('d4:info'), info, ascii('e')]))
  await metadata
  return torrent
}

it('a magnet whose metadata says private stops announcing to the added tracker, keeping its own', async () => {
  const torrent = await magnetTorrentWithMetadata(true)
  expect((torrent as unknown as { private?: boolean }).private).toBe(true)
  expect(announcedTo(torrent)).toEqual([OWN])
  // What the user can share of it (magnet link, .torrent) names only its own tracker too.
  expect(torrent.magnetURI).toContain(encodeURIComponent(OWN))
  expect(torrent.magnetURI).not.toContain(encodeURIComponent(ADDED))
  expect(new TextDecoder().decode(torrent.torrentFile)).not.toContain(ADDED)
})

it('a public one keeps announcing to both', async () => {
  const torrent = await magnetTorrentWithMetadata(false)
  expect(announcedTo(torrent).sort()).toEqual([ADDED, OWN].sort())
  expect(torrent.magnetURI).toContain(encodeURIComponent(ADDED))
})
