/**
 * The test-build decorators in Chromium (they read localStorage; the store writes to the real
 * IndexedDB). Faked: the engine under the tt_tip decorator is an in-memory object that records what
 * is sent and hands the listener one connection; blocks are sent to a recording function.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { PeerWire, TorrentEngine, WireExtension } from '../torrent/engine/engine'
import { EXTENSION_NAME, decodeMessage, encodeMessage, type HelloMessage } from '../tipping/codec'
import { chunkStoreForTests } from './storage-faults'
import { withTtTipFaults } from './tt-tip-faults'
import { uploadFaults } from './upload-faults'

afterEach(() => localStorage.clear())

describe('chunk store', () => {
  it('is IndexedDB unless bench:store asks for WebTorrent’s in-memory store', () => {
    expect(chunkStoreForTests()).not.toBeNull()
    localStorage.setItem('bench:store', 'memory')
    expect(chunkStoreForTests()).toBeNull()
  })

  it('fails writes with QuotaExceededError once fault:quota-after-bytes is used up', async () => {
    const Store = chunkStoreForTests()
    if (!Store) throw new Error('no store')
    const store = new Store(1024, { torrent: { infoHash: 'cd'.repeat(20) }, length: 4096 }) as {
      put(index: number, data: Uint8Array, done: (error: Error | null) => void): void
      destroy(done: () => void): void
    }
    const put = (index: number) =>
      new Promise<Error | null>((resolve) => store.put(index, new Uint8Array(1024), resolve))
    localStorage.setItem('fault:quota-after-bytes', '2048')
    expect(await put(0)).toBeNull()
    expect(await put(1)).toBeNull()
    const full = await put(2)
    expect(full).toBeInstanceOf(DOMException)
    expect(full?.name).toBe('QuotaExceededError')
    // Space freed: writes go through again.
    localStorage.removeItem('fault:quota-after-bytes')
    expect(await put(2)).toBeNull()
    await new Promise<void>((resolve) => store.destroy(resolve))
  })
})

describe('uploads', () => {
  const sent: Uint8Array[] = []
  const send = (_index: number, _offset: number, block: Uint8Array) => void sent.push(block)
  afterEach(() => void sent.splice(0))

  it('go out unchanged without a fault, corrupted or not at all with one', () => {
    uploadFaults(send)(0, 0, Uint8Array.of(1, 2))
    localStorage.setItem('fault:corrupt-uploads', '1')
    uploadFaults(send)(0, 0, Uint8Array.of(1, 2))
    localStorage.setItem('fault:never-upload', '1')
    uploadFaults(send)(0, 0, Uint8Array.of(1, 2))
    expect(sent).toEqual([Uint8Array.of(1, 2), Uint8Array.of(0xfe, 2)])
  })
})

describe('tt_tip faults', () => {
  /** A well-formed address from a short name ('own' → 'Town' padded to 34 base58 characters). */
  const tron = (name: string) => ('T' + name).padEnd(34, 'x')
  const hello = (address: string): HelloMessage => ({
    t: 'hello',
    v: 1,
    chain: '0xde7e7e70',
    address: tron(address),
    session: tron('session'),
    bind: '0x' + '1'.repeat(130),
    expires: 2_000_000_000_000,
    grant: '0x' + '2'.repeat(130),
  })

  /** A fake engine with one connection; returns what went out on it and the tt_tip extension. */
  function connect() {
    const sent: Uint8Array[] = []
    let extensions: readonly WireExtension[] = []
    const wire = {
      infoHash: 'ab'.repeat(20),
      send: (_name: string, payload: Uint8Array) => void sent.push(payload),
    } as unknown as PeerWire
    const engine = {
      onWire: (listener: (wire: PeerWire) => readonly WireExtension[]) => {
        extensions = listener(wire)
        return () => undefined
      },
      has: () => true,
    } as unknown as TorrentEngine
    const decorated = withTtTipFaults(engine)
    let ledgerWire: PeerWire | null = null
    decorated.onWire((seen) => {
      ledgerWire = seen
      return [{ name: EXTENSION_NAME, onRemoteSupport: () => undefined, onMessage: () => undefined }]
    })
    const sendHello = (address: string) => ledgerWire?.send(EXTENSION_NAME, encodeMessage(hello(address)))
    const receive = (payload: Uint8Array) => extensions[0]?.onMessage(payload)
    const addresses = () =>
      sent.map((payload) => {
        const decoded = decodeMessage(payload)
        return decoded.ok && decoded.message.t === 'hello' ? decoded.message.address : null
      })
    return { decorated, sent, sendHello, receive, addresses }
  }

  it('passes everything through as it is without a fault', () => {
    const { decorated, sent, sendHello } = connect()
    expect(decorated.has('x')).toBe(true)
    sendHello('own')
    expect(sent).toEqual([encodeMessage(hello('own'))])
  })

  it('forges the address, replays the first hello received, floods after the hello', () => {
    const { sendHello, receive, addresses, sent } = connect()
    localStorage.setItem('fault:hello', 'forged')
    localStorage.setItem('fault:hello-address', tron('forged'))
    sendHello('own')
    localStorage.setItem('fault:hello', 'replay')
    receive(encodeMessage(hello('other')))
    receive(encodeMessage(hello('third')))
    sendHello('own')
    localStorage.removeItem('fault:hello')
    localStorage.setItem('fault:tt-tip-flood', '7')
    sendHello('own')
    expect(addresses().slice(0, 3)).toEqual([tron('forged'), tron('other'), tron('own')])
    expect(sent).toHaveLength(3 + 7)
    expect(sent.slice(3).filter((payload) => decodeMessage(payload).ok)).toHaveLength(1)
  })
})
