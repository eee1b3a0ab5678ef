/**
 * Test builds only: a peer that misbehaves on `tt_tip`, as a decorator around the engine's
 * connections (what the tipping layer sends and receives goes through them). Read at each hello sent.
 * - `localStorage['fault:hello'] = 'forged'`: the hello claims the address in
 *   `localStorage['fault:hello-address']` with this wallet's grant; `'replay'`: the page sends the
 *   first hello it received from another peer instead of its own.
 * - `localStorage['fault:paid-notice'] = txID`: a few seconds after its hello, the page announces that
 *   transaction as its payment (one it did not make).
 * - `localStorage['fault:tt-tip-flood'] = N`: right after its hello the page sends N bad `tt_tip`
 *   messages, cycling through the kinds docs/PROTOCOL.md says are dropped (oversized, not UTF-8, not
 *   JSON, an unknown type, another version, a payment notice for a transaction that does not exist).
 */
import type { PeerWire, TorrentEngine, WireExtension } from '../torrent/engine/engine'
import { EXTENSION_NAME, decodeMessage, encodeMessage, type HelloMessage } from '../tipping/codec'

/** The engine with every connection's `tt_tip` traffic passed through the faults above. */
export function withTtTipFaults(engine: TorrentEngine): TorrentEngine {
  let firstHelloSeen: HelloMessage | null = null
  const noteHello = (payload: Uint8Array) => {
    firstHelloSeen ??= helloIn(payload)
  }
  const onWire: TorrentEngine['onWire'] = (listener) =>
    engine.onWire((wire) =>
      listener(faultyWire(wire, () => firstHelloSeen)).map((extension) =>
        extension.name === EXTENSION_NAME ? observed(extension, noteHello) : extension,
      ),
    )
  // A proxy rather than a class: every other member of the engine is passed through as it is.
  return new Proxy(engine, {
    get(target, key) {
      if (key === 'onWire') return onWire
      const value: unknown = Reflect.get(target, key, target)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
}

function observed(extension: WireExtension, note: (payload: Uint8Array) => void): WireExtension {
  return {
    name: extension.name,
    ...(extension.handshake ? { handshake: extension.handshake } : {}),
    onRemoteSupport: (supported, handshake) => extension.onRemoteSupport(supported, handshake),
    onMessage: (payload) => {
      note(payload)
      extension.onMessage(payload)
    },
  }
}

function faultyWire(wire: PeerWire, firstHelloSeen: () => HelloMessage | null): PeerWire {
  const send = (name: string, payload: Uint8Array) => {
    const own = name === EXTENSION_NAME ? helloIn(payload) : null
    if (!own) return wire.send(name, payload)
    const hello = tamperedHello(own, firstHelloSeen())
    wire.send(name, hello === own ? payload : encodeMessage(hello))
    for (const bad of floodPayloads()) wire.send(name, bad)
    const foreign = localStorage.getItem('fault:paid-notice')
    if (foreign) setTimeout(() => wire.send(name, encodeMessage({ t: 'paid', v: 1, tx: foreign })), 3_000)
  }
  // The engine's PeerWire is a plain object of functions: a copy with another `send` is the same wire.
  return { ...wire, send }
}

function helloIn(payload: Uint8Array): HelloMessage | null {
  const decoded = decodeMessage(payload)
  return decoded.ok && decoded.message.t === 'hello' ? decoded.message : null
}

function tamperedHello(own: HelloMessage, seen: HelloMessage | null): HelloMessage {
  const fault = localStorage.getItem('fault:hello')
  if (fault === 'replay' && seen) return seen
  if (fault === 'forged')
    return { ...own, address: localStorage.getItem('fault:hello-address') ?? own.address }
  return own
}

function floodPayloads(): Uint8Array[] {
  const count = Math.min(Number(localStorage.getItem('fault:tt-tip-flood') ?? 0) || 0, 10_000)
  const text = new TextEncoder()
  const randomTx = () =>
    [...crypto.getRandomValues(new Uint8Array(32))].map((byte) => byte.toString(16).padStart(2, '0')).join('')
  const kinds: (() => Uint8Array)[] = [
    () => text.encode(JSON.stringify({ t: 'paid', v: 1, tx: randomTx(), pad: 'x'.repeat(5_000) })),
    () => Uint8Array.of(0xff, 0xfe, 0x7b),
    () => text.encode('{"t":"paid",'),
    () => text.encode(JSON.stringify({ t: 'refund', v: 1 })),
    () => text.encode(JSON.stringify({ t: 'paid', v: 2, tx: randomTx() })),
    () => text.encode(JSON.stringify({ t: 'paid', v: 1, tx: randomTx() })),
  ]
  return Array.from({ length: count }, (_, index) => kinds[index % kinds.length]!())
}
