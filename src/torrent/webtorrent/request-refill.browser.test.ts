/**
 * Request refills on a real WebTorrent torrent (the prebuilt bundle the app ships): the private
 * methods replaced here must still exist, and a burst of `_update` calls must become one refill.
 */
import WebTorrent, { type WebTorrentTorrentInternals } from 'webtorrent/dist/webtorrent.min.js'
import { afterEach, expect, it } from 'vitest'
import { coalesceRequestRefills } from './request-refill'

const clients: WebTorrent[] = []
afterEach(() => clients.splice(0).forEach((client) => client.destroy()))

function newTorrent(): WebTorrentTorrentInternals {
  const client = new WebTorrent({ tracker: false, dht: false, lsd: false, webSeeds: false })
  clients.push(client)
  // An info hash alone: a torrent waiting for metadata, with no network (no tracker) behind it.
  return client.add('0123456789abcdef0123456789abcdef01234567') as unknown as WebTorrentTorrentInternals
}

it('WebTorrent still schedules refills through _update and performs them in _updateWireWrapper', () => {
  const torrent = newTorrent()
  expect(typeof torrent._update).toBe('function')
  expect(typeof torrent._updateWireWrapper).toBe('function')
})

it('turns a burst of updates into one refill, run as a task after the burst', async () => {
  const torrent = newTorrent()
  let refills = 0
  torrent._updateWireWrapper = () => void refills++
  coalesceRequestRefills(torrent)
  for (let block = 0; block < 100; block++) torrent._update()
  expect(refills).toBe(0)
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(refills).toBe(1)
  // The next block after the refill schedules a new one.
  torrent._update()
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(refills).toBe(2)
})
