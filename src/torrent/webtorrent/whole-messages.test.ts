/**
 * Whole messages on two connections of the separately installed bittorrent-protocol, joined back to
 * back (nothing faked); internals.browser.test.ts runs the same check on the copy inside the bundle.
 */
import Wire, { type ProtocolWire } from 'bittorrent-protocol'
import { afterEach, expect, it } from 'vitest'
import { connectedPair, settle } from '../../testing/wire-pair'

const open: ProtocolWire[] = []
afterEach(() => open.splice(0).forEach((wire) => wire.destroy()))

async function blockAndWrites(whole: boolean) {
  const { leecher, writes } = await connectedPair(Wire, whole, open)
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
  const { seeder, writes } = await connectedPair(Wire, true, open)
  const before = writes.length
  seeder.choke()
  await settle()
  expect(writes.slice(before)).toEqual([Uint8Array.from([0, 0, 0, 1, 0])])
})
