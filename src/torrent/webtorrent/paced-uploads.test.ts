import Wire, { type ProtocolWire } from 'bittorrent-protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeClock } from '../../testing/fake-clock'
import { PacedUploads } from './paced-uploads'
import { MAX_QUEUED_PER_CONNECTION } from '../engine/upload-scheduler'

const BLOCK = 16_384
const INFO_HASH = 'aa'.repeat(20)
const SEEDER_ID = '11'.repeat(20)
const PAID_ID = '22'.repeat(20)
const FREE_ID = '33'.repeat(20)

const open: ProtocolWire[] = []

afterEach(() => {
  for (const wire of open.splice(0)) wire.destroy()
})

/** Lets the two ends of each connection exchange whatever they have written. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}

/**
 * A seeder connection under `uploads`, joined back to back with a leecher (both speaking the Fast
 * extension, as WebTorrent does); the seeder has unchoked it and answers every request.
 */
async function connect(uploads: PacedUploads, leecherId: string) {
  const seeder = new Wire()
  const leecher = new Wire()
  open.push(seeder, leecher)
  seeder.pipe(leecher).pipe(seeder)
  uploads.attach(INFO_HASH, seeder)
  seeder.on('request', (_index: number, _offset: number, length: number, respond: Respond) =>
    respond(null, new Uint8Array(length)),
  )
  leecher.handshake(INFO_HASH, leecherId, { fast: true })
  seeder.handshake(INFO_HASH, SEEDER_ID, { fast: true })
  await settle()
  seeder.unchoke()
  await settle()
  expect(seeder.hasFast && !leecher.peerChoking).toBe(true)

  const received: number[] = []
  const errors: string[] = []
  const request = (count: number) => {
    for (let block = 0; block < count; block++) {
      leecher.request(0, block * BLOCK, BLOCK, (error) => {
        if (error) errors.push(error.message)
        else received.push(block)
      })
    }
  }
  return { seeder, leecher, received, errors, request }
}

type Respond = (error: Error | null, block: Uint8Array) => void

describe('PacedUploads on real bittorrent-protocol connections', () => {
  it('answers at once when there is no limit', async () => {
    const peer = await connect(new PacedUploads(new FakeClock()), FREE_ID)
    peer.request(5)
    await settle()
    expect(peer.received).toEqual([0, 1, 2, 3, 4])
  })

  it('paces the answers to the limit', async () => {
    const clock = new FakeClock()
    const uploads = new PacedUploads(clock)
    uploads.setLimit(BLOCK)
    const peer = await connect(uploads, FREE_ID)
    peer.request(3)
    await settle()
    expect(peer.received).toEqual([0])
    clock.advance(1_000)
    await settle()
    expect(peer.received).toEqual([0, 1])
    clock.advance(1_000)
    await settle()
    expect(peer.received).toEqual([0, 1, 2])
  })

  it('serves the peer that paid first, and the other one still progresses', async () => {
    const clock = new FakeClock()
    const uploads = new PacedUploads(clock)
    uploads.setLimit(10 * BLOCK)
    uploads.setPriority((infoHash, peerId) => infoHash === INFO_HASH && peerId === PAID_ID)
    const paid = await connect(uploads, PAID_ID)
    const free = await connect(uploads, FREE_ID)
    free.request(40)
    paid.request(40)
    await settle()
    clock.advance(3_000)
    await settle()
    expect(paid.received.length + free.received.length).toBe(31)
    expect(free.received.length).toBeGreaterThanOrEqual(3)
    expect(free.received.length).toBeLessThanOrEqual(4)
  })

  it('rejects what is waiting when it chokes the peer, so the peer does not wait for a timeout', async () => {
    const clock = new FakeClock()
    const uploads = new PacedUploads(clock)
    uploads.setLimit(BLOCK)
    const peer = await connect(uploads, FREE_ID)
    peer.request(4)
    await settle()
    peer.seeder.choke()
    await settle()
    expect(peer.errors).toEqual(Array(3).fill('request was rejected'))
    clock.advance(10_000)
    await settle()
    expect(peer.received).toEqual([0])
    expect(peer.seeder.uploaded).toBe(BLOCK)
  })

  it('does not send, nor charge for, a block the peer cancelled while it waited', async () => {
    const clock = new FakeClock()
    const uploads = new PacedUploads(clock)
    uploads.setLimit(BLOCK)
    const peer = await connect(uploads, FREE_ID)
    peer.request(3)
    await settle()
    peer.leecher.cancel(0, BLOCK, BLOCK)
    await settle()
    clock.advance(1_000)
    await settle()
    expect(peer.received).toEqual([0, 2])
    expect(peer.seeder.uploaded).toBe(2 * BLOCK)
  })

  it('forgets what was waiting for a connection that closed', async () => {
    const clock = new FakeClock()
    const uploads = new PacedUploads(clock)
    uploads.setLimit(BLOCK)
    const peer = await connect(uploads, FREE_ID)
    peer.request(5)
    await settle()
    expect(clock.pendingTimers).toBe(1)
    peer.leecher.destroy()
    await settle()
    expect(peer.seeder.destroyed).toBe(true)
    expect(clock.pendingTimers).toBe(0)
  })

  it('sends everything waiting when the limit is lifted', async () => {
    const uploads = new PacedUploads(new FakeClock())
    uploads.setLimit(BLOCK)
    const peer = await connect(uploads, FREE_ID)
    peer.request(5)
    await settle()
    expect(peer.received).toEqual([0])
    uploads.setLimit(null)
    await settle()
    expect(peer.received).toEqual([0, 1, 2, 3, 4])
  })

  it('rejects requests beyond what one connection may have waiting', async () => {
    const uploads = new PacedUploads(new FakeClock())
    uploads.setLimit(BLOCK)
    const peer = await connect(uploads, FREE_ID)
    peer.request(MAX_QUEUED_PER_CONNECTION + 5)
    await settle()
    // One block left at once, the cap's worth waits, the rest is refused.
    expect(peer.errors).toEqual(Array(4).fill('request was rejected'))
    expect(peer.received).toEqual([0])
  })
})
