/**
 * Which piece messages answered this client's requests, on two connections of the separately
 * installed bittorrent-protocol joined back to back (nothing faked; the remote writes its piece
 * messages with the protocol's own `piece`). internals.browser.test.ts runs the same check on the
 * copy inside WebTorrent's bundle.
 */
import Wire, { type ProtocolWire } from 'bittorrent-protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { connectedPair, settle } from '../../testing/wire-pair'
import { watchRequestedBlocks } from './requested-blocks'

const open: ProtocolWire[] = []
afterEach(() => open.splice(0).forEach((wire) => wire.destroy()))

const BLOCK = 16_384

async function watched() {
  const pair = await connectedPair(Wire, true, open)
  const answered: [number, number, number][] = []
  const unrequested: [number, number, number][] = []
  expect(
    watchRequestedBlocks(pair.leecher, {
      answered: (...block) => answered.push(block),
      unrequested: (...block) => unrequested.push(block),
    }),
  ).toBe(true)
  return { ...pair, answered, unrequested }
}

describe('requested blocks', () => {
  it('reports a block that answered a request, at the offset and length asked for', async () => {
    const { request, answered, unrequested } = await watched()
    const block = await request(2, BLOCK, BLOCK)
    expect(block).toHaveLength(BLOCK)
    expect(answered).toEqual([[2, BLOCK, BLOCK]])
    expect(unrequested).toEqual([])
  })

  it('reports unrequested, misplaced and oversized piece messages as unrequested, never as answered', async () => {
    const { seeder, leecher, answered, unrequested } = await watched()
    const received: Uint8Array[] = []
    // Asked for piece 1 block 0; the remote never answers it (a request left open).
    seeder.removeAllListeners('request')
    leecher.request(1, 0, BLOCK, (error, data) => {
      if (!error && data) received.push(data)
    })
    await settle()
    seeder.piece(0, 0, new Uint8Array(BLOCK)) // nobody asked for piece 0
    seeder.piece(1, 1, new Uint8Array(BLOCK)) // misplaced: offset 1
    seeder.piece(1, 0, new Uint8Array(4 * BLOCK)) // oversized: 64 KiB for a 16 KiB request
    seeder.piece(1, 0, new Uint8Array(BLOCK - 1)) // undersized
    await settle()
    expect(answered).toEqual([])
    expect(received).toEqual([])
    expect(unrequested).toEqual([
      [0, 0, BLOCK],
      [1, 1, BLOCK],
      [1, 0, 4 * BLOCK],
      [1, 0, BLOCK - 1],
    ])
    // The right answer still counts, once.
    seeder.piece(1, 0, new Uint8Array(BLOCK))
    seeder.piece(1, 0, new Uint8Array(BLOCK))
    await settle()
    expect(answered).toEqual([[1, 0, BLOCK]])
    expect(unrequested).toHaveLength(5)
  })

  it('does not hold a late answer to a request this client cancelled against the peer, once', async () => {
    const { seeder, leecher, answered, unrequested } = await watched()
    seeder.removeAllListeners('request')
    leecher.request(3, 0, BLOCK, () => undefined)
    await settle()
    leecher.cancel(3, 0, BLOCK)
    seeder.piece(3, 0, new Uint8Array(BLOCK))
    await settle()
    expect(answered).toEqual([])
    expect(unrequested).toEqual([])
    // A second copy of it is not a late answer any more.
    seeder.piece(3, 0, new Uint8Array(BLOCK))
    await settle()
    expect(unrequested).toEqual([[3, 0, BLOCK]])
  })
})
