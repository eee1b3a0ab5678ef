/**
 * Two bittorrent-protocol connections joined back to back, for tests of what goes on the wire: the
 * separately installed package in Node (whole-messages.test.ts) and the copy inside WebTorrent's
 * bundle in Chromium (internals.browser.test.ts) run the same checks through it. Nothing is faked.
 */
import type { ProtocolWire } from 'bittorrent-protocol'
import { sendMessagesWhole } from '../torrent/webtorrent/whole-messages'

type Respond = (error: Error | null, block: Uint8Array) => void

/** Lets the streams of both connections pass what they hold on. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}

/**
 * A seeder that answers every request with bytes derived from where they sit, and a leecher it has
 * unchoked; `writes` records every buffer the seeder side hands on. `open` collects both, for the
 * test to destroy.
 */
export async function connectedPair<W extends ProtocolWire>(
  Wire: new () => W,
  whole: boolean,
  open: { destroy(): void }[],
  /** The peer ids each side declares in its handshake (40 hex digits). */
  ids: { leecher: string; seeder: string } = { leecher: '11'.repeat(20), seeder: '22'.repeat(20) },
) {
  const seeder = new Wire()
  const leecher = new Wire()
  open.push(seeder, leecher)
  if (whole) sendMessagesWhole(seeder)
  const writes: Uint8Array[] = []
  // `push(null)` ends the stream when a connection closes.
  const readable = seeder as unknown as { push(data: Uint8Array | null): boolean }
  const push = readable.push.bind(seeder)
  readable.push = (data) => {
    if (data) writes.push(data.slice())
    return push(data)
  }
  seeder.pipe(leecher).pipe(seeder)
  seeder.on('request', (index: number, offset: number, length: number, respond: Respond) =>
    respond(
      null,
      Uint8Array.from({ length }, (_, i) => (index + offset + i) & 0xff),
    ),
  )
  leecher.handshake('aa'.repeat(20), ids.leecher, { fast: true })
  seeder.handshake('aa'.repeat(20), ids.seeder, { fast: true })
  await settle()
  seeder.unchoke()
  await settle()
  const request = (index: number, offset: number, length: number) =>
    new Promise<Uint8Array>((resolve, reject) =>
      leecher.request(index, offset, length, (error, data) =>
        error || !data ? reject(error ?? new Error('no block')) : resolve(data),
      ),
    )
  return { seeder, leecher, writes, request }
}
