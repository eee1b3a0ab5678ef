/**
 * Whole messages on two connections of the separately installed bittorrent-protocol, joined back to
 * back (nothing faked); internals.browser.test.ts runs the same check on the copy inside the bundle.
 */
import Wire, { type ProtocolWire } from 'bittorrent-protocol'
import { afterEach, expect, it } from 'vitest'
import { sendMessagesWhole } from './whole-messages'

const INFO_HASH = 'aa'.repeat(20)
const open: ProtocolWire[] = []
afterEach(() => open.splice(0).forEach((wire) => wire.destroy()))

/** Two real connections back to back; `writes` records every buffer the seeder side hands on. */
async function connectedPair(whole: boolean) {
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
  leecher.handshake(INFO_HASH, '11'.repeat(20), { fast: true })
  seeder.handshake(INFO_HASH, '22'.repeat(20), { fast: true })
  await settle()
  seeder.unchoke()
  await settle()
  return { seeder, leecher, writes }
}
type Respond = (error: Error | null, block: Uint8Array) => void

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}

async function blockAndWrites(whole: boolean) {
  const { leecher, writes } = await connectedPair(whole)
  const before = writes.length
  const block = await new Promise<Uint8Array>((resolve, reject) =>
    leecher.request(3, 16_384, 16_384, (error, data) =>
      error || !data ? reject(error ?? new Error('no block')) : resolve(data),
    ),
  )
  return { block, writes: writes.slice(before) }
}

it('sends a block as one buffer, byte for byte what the protocol sends in two', async () => {
  const split = await blockAndWrites(false)
  const whole = await blockAndWrites(true)
  expect(split.writes).toHaveLength(2)
  expect(whole.writes).toHaveLength(1)
  const joined = new Uint8Array([...split.writes[0]!, ...split.writes[1]!])
  expect(whole.writes[0]).toEqual(joined)
  expect(whole.block).toEqual(split.block)
  expect(whole.block[0]).toBe((3 + 16_384) & 0xff)
})

it('keeps messages without a payload as they were', async () => {
  const { seeder, writes } = await connectedPair(true)
  const before = writes.length
  seeder.choke()
  await settle()
  expect(writes.slice(before)).toEqual([Uint8Array.from([0, 0, 0, 1, 0])])
})
