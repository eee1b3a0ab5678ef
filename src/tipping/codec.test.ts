import { describe, expect, it } from 'vitest'
import {
  MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  VERSION_KEY,
  announcedVersion,
  bindingText,
  decodeMessage,
  encodeMessage,
  grantText,
  type HelloMessage,
  type PaidMessage,
} from './codec'

const hello: Extract<HelloMessage, { grant: string }> = {
  t: 'hello',
  v: 1,
  chain: '0xde7e7e70',
  address: 'TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC',
  session: 'TQKLs3GzCNLjzyCvaPWSrqcpUGUhadxm7P',
  expires: 1_795_000_000_000,
  grant: `0x${'ab'.repeat(65)}`,
  bind: `0x${'cd'.repeat(65)}`,
}
const funded: HelloMessage = {
  t: 'hello',
  v: 1,
  chain: hello.chain,
  address: hello.address,
  session: hello.session,
  bind: hello.bind,
  funding: '0a'.repeat(32),
}
const paid: PaidMessage = { t: 'paid', v: 1, tx: 'ef'.repeat(32) }

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))

describe('tt_tip codec', () => {
  it('round-trips both messages', () => {
    expect(decodeMessage(encodeMessage(hello))).toEqual({ ok: true, message: hello })
    expect(decodeMessage(encodeMessage(paid))).toEqual({ ok: true, message: paid })
    expect(decodeMessage(encodeMessage(funded))).toEqual({ ok: true, message: funded })
  })

  it('ignores unknown fields', () => {
    expect(decodeMessage(bytes({ ...paid, extra: 'later' }))).toEqual({ ok: true, message: paid })
  })

  it.each<[string, unknown]>([
    ['a wrong version', { ...paid, v: 2 }],
    ['no version', { t: 'paid', tx: paid.tx }],
    ['an unknown type', { ...paid, t: 'steal' }],
    ['an array', [paid]],
    ['null', null],
    ['a number', 42],
    ['a short tx', { ...paid, tx: 'ef' }],
    ['an upper-case tx', { ...paid, tx: 'EF'.repeat(32) }],
    ['a bad chain', { ...hello, chain: '0x1' }],
    ['a bad address', { ...hello, address: 'T0000000000000000000000000000000000' }],
    ['a bad session', { ...hello, session: 42 }],
    ['a float expiry', { ...hello, expires: 1.5 }],
    ['a negative expiry', { ...hello, expires: -1 }],
    ['a string expiry', { ...hello, expires: '1795000000000' }],
    ['a short grant', { ...hello, grant: '0xab' }],
    ['a grant without 0x', { ...hello, grant: 'ab'.repeat(65) }],
    ['a missing bind', { ...hello, bind: undefined }],
    ['a session equal to the address', { ...hello, session: hello.address }],
    ['no proof at all', { ...hello, grant: undefined, expires: undefined }],
    ['both proofs', { ...hello, funding: 'ef'.repeat(32) }],
    ['a short funding tx', { ...funded, funding: 'ef' }],
    ['a funding proof with an expiry', { ...funded, expires: 1 }],
  ])('drops %s', (_case, value) => {
    expect(decodeMessage(bytes(value)).ok).toBe(false)
  })

  it('drops what is not UTF-8 JSON, and anything over the size limit', () => {
    expect(decodeMessage(new Uint8Array([0xff, 0xfe, 0x7b]))).toEqual({ ok: false, reason: 'not UTF-8 JSON' })
    expect(decodeMessage(new TextEncoder().encode('{"t":'))).toEqual({ ok: false, reason: 'not UTF-8 JSON' })
    const padded = bytes({ ...paid, pad: 'x'.repeat(MAX_MESSAGE_BYTES) })
    expect(decodeMessage(padded)).toEqual({ ok: false, reason: 'too large' })
    expect(() => encodeMessage({ ...hello, address: 'T'.repeat(MAX_MESSAGE_BYTES) })).toThrow(RangeError)
  })

  it('never throws on random bytes (seeded)', () => {
    let seed = 12345
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      return seed / 2_147_483_648
    }
    const valid = encodeMessage(hello)
    for (let round = 0; round < 3_000; round++) {
      const input = Uint8Array.from(valid)
      const flips = 1 + Math.floor(random() * 4)
      for (let flip = 0; flip < flips; flip++)
        input[Math.floor(random() * input.length)] = Math.floor(random() * 256)
      const result = decodeMessage(input.subarray(0, Math.floor(random() * input.length) + 1))
      expect(typeof result.ok).toBe('boolean')
    }
  })

  it('binds the texts to every field that matters', () => {
    const grant = grantText({
      address: hello.address,
      session: hello.session,
      chain: hello.chain,
      expires: 7,
    })
    expect(grant).toBe(
      `Tipping Torrent session grant v1\naddress: ${hello.address}\nsession: ${hello.session}\nchain: 0xde7e7e70\nexpires: 7`,
    )
    const binding = bindingText({
      infoHash: 'AB'.repeat(20),
      fromPeer: '01'.repeat(20),
      toPeer: '02'.repeat(20),
      session: hello.session,
    })
    expect(binding).toContain(`info hash: ${'ab'.repeat(20)}`)
    expect(binding).toContain(`from peer: ${'01'.repeat(20)}\nto peer: ${'02'.repeat(20)}`)
  })

  it('reads a version 2 hello (channel-bound), and no hello of a version it does not know', () => {
    expect(decodeMessage(bytes({ ...hello, v: 2 }))).toEqual({ ok: true, message: { ...hello, v: 2 } })
    expect(decodeMessage(bytes({ ...funded, v: 2 }))).toEqual({ ok: true, message: { ...funded, v: 2 } })
    expect(decodeMessage(bytes({ ...hello, v: 3 }))).toEqual({ ok: false, reason: 'unsupported version' })
    expect(decodeMessage(bytes({ ...hello, v: '2' }))).toEqual({ ok: false, reason: 'unsupported version' })
  })

  it('reads the version a peer announces in its extended handshake; none (an older peer) is 1', () => {
    expect(VERSION_KEY).toBe('tt_tip_v')
    expect(PROTOCOL_VERSION).toBe(2)
    expect(announcedVersion({ m: { tt_tip: 3 }, [VERSION_KEY]: 2 })).toBe(2)
    expect(announcedVersion({ m: { tt_tip: 3 }, [VERSION_KEY]: 7 })).toBe(7)
    expect(announcedVersion({ m: { tt_tip: 3 } })).toBe(1)
    for (const nonsense of [0, -1, 1.5, '2', null, Number.NaN]) {
      expect(announcedVersion({ [VERSION_KEY]: nonsense })).toBe(1)
    }
  })

  it('binds the version 2 text to both DTLS fingerprints, sender first', () => {
    const binding = bindingText({
      infoHash: 'AB'.repeat(20),
      fromPeer: '01'.repeat(20),
      toPeer: '02'.repeat(20),
      session: hello.session,
      channel: { from: 'sha-256 AA:01', to: 'sha-256 BB:02' },
    })
    expect(binding).toBe(
      [
        'Tipping Torrent connection v2',
        `info hash: ${'ab'.repeat(20)}`,
        `from peer: ${'01'.repeat(20)}`,
        `to peer: ${'02'.repeat(20)}`,
        'from fingerprint: sha-256 AA:01',
        'to fingerprint: sha-256 BB:02',
        `session: ${hello.session}`,
      ].join('\n'),
    )
  })
})
