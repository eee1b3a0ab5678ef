/**
 * The source build in Chromium: one page, two WebTorrent clients built from WebTorrent's sources,
 * joined by a real WebRTC connection whose signals are handed over directly (no tracker). Nothing is
 * faked. Checks that the download completes byte for byte, and that the connection runs on our
 * substituted Wire (substitutes/wire.ts), not bittorrent-protocol's.
 * Run by `npx vitest run --config tools/engine-source-build/vite.config.ts --project engine-source`.
 */
import WebTorrent from 'webtorrent/dist/webtorrent.min.js'
import SimplePeer from '@thaunknown/simple-peer'
import { afterEach, expect, it } from 'vitest'

interface LiveTorrent {
  readonly infoHash: string
  readonly done: boolean
  readonly wires: readonly { constructor: { readonly substituted?: boolean } }[]
  readonly files: readonly { arrayBuffer(): Promise<ArrayBuffer> }[]
  addPeer(peer: SimplePeer): boolean
  once(event: 'infoHash', listener: () => void): void
}

const clients: WebTorrent[] = []
afterEach(() => clients.splice(0).forEach((client) => client.destroy()))

function newClient(): WebTorrent {
  const client = new WebTorrent({ tracker: false, dht: false, lsd: false, webSeeds: false })
  clients.push(client)
  return client
}

/** Two simple-peer ends that signal each other in the page. */
function connectedPair(): [SimplePeer, SimplePeer] {
  const initiator = new SimplePeer({ initiator: true })
  const answerer = new SimplePeer()
  initiator.on('signal', (signal) => answerer.signal(signal))
  answerer.on('signal', (signal) => initiator.signal(signal))
  // WebTorrent keys its peers by `id`, which a tracker would have filled in.
  initiator.id = 'seeder-side'
  answerer.id = 'leecher-side'
  return [initiator, answerer]
}

it('downloads over WebRTC through the substituted Wire', async () => {
  // Several pieces of several blocks each; getRandomValues fills at most 64 KiB per call.
  const content = new Uint8Array(200_000)
  for (let start = 0; start < content.length; start += 65_536) {
    crypto.getRandomValues(content.subarray(start, start + 65_536))
  }
  const seeder = newClient()
  const leecher = newClient()
  const seeded = await new Promise<LiveTorrent>((resolve) => {
    seeder.seed([new File([content], 'sample.bin')], {}, (torrent) =>
      resolve(torrent as unknown as LiveTorrent),
    )
  })
  const leeching = leecher.add(seeded.infoHash) as unknown as LiveTorrent
  await new Promise<void>((resolve) => leeching.once('infoHash', resolve))
  const [fromSeeder, toLeecher] = connectedPair()
  seeded.addPeer(fromSeeder)
  leeching.addPeer(toLeecher)

  await expect.poll(() => leeching.done, { timeout: 20_000 }).toBe(true)
  const [file] = leeching.files
  if (!file) throw new Error('no file in the downloaded torrent')
  expect(new Uint8Array(await file.arrayBuffer())).toEqual(content)
  expect(leeching.wires.length).toBe(1)
  expect(leeching.wires.every((wire) => wire.constructor.substituted === true)).toBe(true)
  expect(seeded.wires.every((wire) => wire.constructor.substituted === true)).toBe(true)
})
