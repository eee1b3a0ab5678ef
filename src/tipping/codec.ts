/**
 * The `tt_tip` wire messages (docs/PROTOCOL.md): encoding, and decoding that never throws. Every
 * payload from a peer is hostile until proven otherwise: size, types and shapes are checked here,
 * signatures by ./ownership.ts.
 */
import { looksLikeTronAddress } from '../tron/networks'

export const EXTENSION_NAME = 'tt_tip'
/**
 * The newest version this client speaks (docs/PROTOCOL.md, "Versioning"), announced under
 * VERSION_KEY in the BEP 10 extended handshake; a peer that announces none speaks version 1.
 */
export const PROTOCOL_VERSION = 2
export const VERSION_KEY = 'tt_tip_v'
/** The first version whose `hello` binding names the connection's DTLS fingerprints. */
export const CHANNEL_BOUND_VERSION = 2
export const MAX_MESSAGE_BYTES = 4096
/** A grant may not claim to last longer than this. */
export const MAX_GRANT_MS = 7 * 24 * 60 * 60 * 1000

/**
 * How the address vouches for the session key: a signed grant (a peer that only receives tips), or
 * the on-chain transfer that funded the session wallet (a tipping peer: its one wallet prompt).
 */
export type HelloProof = { expires: number; grant: string } | { funding: string }

export type HelloMessage = {
  t: 'hello'
  /** 1: bound to the peer ids; 2: also to the connection's DTLS fingerprints. */
  v: 1 | 2
  chain: string
  address: string
  session: string
  bind: string
} & HelloProof

export interface PaidMessage {
  t: 'paid'
  v: 1
  tx: string
}

export type TipMessage = HelloMessage | PaidMessage

export type DecodeResult = { ok: true; message: TipMessage } | { ok: false; reason: string }

const CHAIN = /^0x[0-9a-f]{8}$/
const SIGNATURE = /^0x[0-9a-f]{130}$/
const TX_ID = /^[0-9a-f]{64}$/

export function encodeMessage(message: TipMessage): Uint8Array {
  const bytes = new TextEncoder().encode(JSON.stringify(message))
  if (bytes.length > MAX_MESSAGE_BYTES) throw new RangeError('tt_tip message over the size limit')
  return bytes
}

export function decodeMessage(payload: Uint8Array): DecodeResult {
  if (payload.length > MAX_MESSAGE_BYTES) return { ok: false, reason: 'too large' }
  let text: string
  let value: unknown
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payload)
    value = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'not UTF-8 JSON' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'not an object' }
  const record = value as Record<string, unknown>
  switch (record.t) {
    case 'hello':
      return record.v === 1 || record.v === 2 ? decodeHello(record, record.v) : unsupported
    case 'paid':
      // `paid` has had one form since version 1: any other `v` is a message this client cannot read.
      if (record.v !== 1) return unsupported
      return typeof record.tx === 'string' && TX_ID.test(record.tx)
        ? { ok: true, message: { t: 'paid', v: 1, tx: record.tx } }
        : { ok: false, reason: 'bad tx' }
    default:
      return { ok: false, reason: 'unknown type' }
  }
}

const unsupported = { ok: false, reason: 'unsupported version' } as const

/** The version a peer announced in its extended handshake: 1 when it announced none (or nonsense). */
export function announcedVersion(handshake: Readonly<Record<string, unknown>>): number {
  const value = handshake[VERSION_KEY]
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? value : 1
}

function decodeHello(record: Record<string, unknown>, v: 1 | 2): DecodeResult {
  const { chain, address, session, bind } = record
  if (typeof chain !== 'string' || !CHAIN.test(chain)) return { ok: false, reason: 'bad chain' }
  if (typeof address !== 'string' || !looksLikeTronAddress(address))
    return { ok: false, reason: 'bad address' }
  if (typeof session !== 'string' || !looksLikeTronAddress(session))
    return { ok: false, reason: 'bad session' }
  if (typeof bind !== 'string' || !SIGNATURE.test(bind)) return { ok: false, reason: 'bad bind' }
  if (address === session) return { ok: false, reason: 'session is the address' }
  const proof = decodeProof(record)
  if (!proof.ok) return proof
  return { ok: true, message: { t: 'hello', v, chain, address, session, bind, ...proof.proof } }
}

/** Exactly one kind of proof: two would leave the receiver to pick the weaker. */
function decodeProof(
  record: Record<string, unknown>,
): { ok: true; proof: HelloProof } | { ok: false; reason: string } {
  const { expires, grant, funding } = record
  if (funding !== undefined) {
    if (grant !== undefined || expires !== undefined) return { ok: false, reason: 'two proofs' }
    return typeof funding === 'string' && TX_ID.test(funding)
      ? { ok: true, proof: { funding } }
      : { ok: false, reason: 'bad funding' }
  }
  if (typeof expires !== 'number' || !Number.isSafeInteger(expires) || expires <= 0) {
    return { ok: false, reason: 'bad expires' }
  }
  if (typeof grant !== 'string' || !SIGNATURE.test(grant)) return { ok: false, reason: 'bad grant' }
  return { ok: true, proof: { expires, grant } }
}

/** The text the wallet signs once per session (docs/PROTOCOL.md, "Grant text"). */
export function grantText(grant: {
  address: string
  session: string
  chain: string
  expires: number
}): string {
  return [
    'Tipping Torrent session grant v1',
    `address: ${grant.address}`,
    `session: ${grant.session}`,
    `chain: ${grant.chain}`,
    `expires: ${grant.expires}`,
  ].join('\n')
}

/**
 * The text the session key signs for one connection (docs/PROTOCOL.md, "Binding text"). With the
 * fingerprints of the sender's and the receiver's DTLS certificates it is the version 2 text, which
 * only the two ends of that very WebRTC connection can agree on.
 */
export function bindingText(binding: {
  infoHash: string
  fromPeer: string
  toPeer: string
  session: string
  channel?: { from: string; to: string }
}): string {
  const { channel } = binding
  return [
    channel ? 'Tipping Torrent connection v2' : 'Tipping Torrent connection v1',
    `info hash: ${binding.infoHash.toLowerCase()}`,
    `from peer: ${binding.fromPeer.toLowerCase()}`,
    `to peer: ${binding.toPeer.toLowerCase()}`,
    ...(channel ? [`from fingerprint: ${channel.from}`, `to fingerprint: ${channel.to}`] : []),
    `session: ${binding.session}`,
  ].join('\n')
}
