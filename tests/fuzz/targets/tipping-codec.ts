/**
 * The tt_tip wire codec (src/tipping/codec.ts): everything a peer can send. decodeMessage must
 * return a verdict and never throw, whatever the bytes; it must accept exactly what the protocol
 * describes (checked against an independent model of docs/PROTOCOL.md); what it accepts must
 * re-encode to the same message; and nothing over the size limit gets parsed.
 */
import { isDeepStrictEqual } from 'node:util'
import {
  MAX_MESSAGE_BYTES,
  decodeMessage,
  encodeMessage,
  type HelloMessage,
  type PaidMessage,
  type TipMessage,
} from '../../../src/tipping/codec'
import type { FuzzTarget } from '../harness'
import { jsonTree, mutate, type JsonParts } from '../mutate'
import type { Rng } from '../rng'

const HEX = '0123456789abcdef'
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const JSON_TOKENS = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  'null',
  'true',
  '1e999',
  '-0',
  '"\\u0000"',
  '"\\ud800"',
  '"t":"hello"',
  '"t":"paid"',
  '"v":1',
  '"__proto__":{}',
  '"constructor":1',
]

const address = (rng: Rng) => `T${rng.stringFrom(BASE58, 33)}`
const signature = (rng: Rng) => `0x${rng.stringFrom(HEX, 130)}`
const txId = (rng: Rng) => rng.stringFrom(HEX, 64)

export function validMessage(rng: Rng): TipMessage {
  if (rng.chance(0.3)) return { t: 'paid', v: 1, tx: txId(rng) } satisfies PaidMessage
  const common = {
    t: 'hello' as const,
    v: 1 as const,
    chain: `0x${rng.stringFrom(HEX, 8)}`,
    address: address(rng),
    session: address(rng),
    bind: signature(rng),
  }
  const hello: HelloMessage = rng.chance(0.5)
    ? { ...common, expires: rng.between(1, 2 ** 31) * rng.between(1, 4_000_000), grant: signature(rng) }
    : { ...common, funding: txId(rng) }
  return hello
}

/** Any JSON value, awkward ones favoured: edge numbers, near-miss hex, txIDs and addresses. */
const TT_TIP_JSON: JsonParts = {
  leaf(rng) {
    switch (rng.below(5)) {
      case 0:
        return rng.pick([0, -0, 1, -1, 1.5, 2 ** 53, 2 ** 53 + 2, -(2 ** 60), 1e300, Number.MAX_VALUE])
      case 1:
        return rng.anyString(rng.size(80))
      case 2:
        return `0x${rng.stringFrom(HEX + 'ABCDEFxg', rng.pick([0, 8, 129, 130, 131]))}`
      case 3:
        return rng.stringFrom(HEX + 'ABCDEF', rng.pick([63, 64, 65]))
      default:
        return `T${rng.stringFrom(BASE58 + '0OIl', rng.pick([32, 33, 34]))}`
    }
  },
  key: (rng) => rng.anyString(rng.size(6)),
}

function jsonValue(rng: Rng): unknown {
  return jsonTree(rng, TT_TIP_JSON)
}

/** A message object with one to three fields replaced, removed or added. */
function alteredRecord(rng: Rng): Record<string, unknown> {
  const record: Record<string, unknown> = { ...validMessage(rng) }
  const keys = ['t', 'v', 'chain', 'address', 'session', 'bind', 'expires', 'grant', 'funding', 'tx', 'extra']
  const edits = rng.between(1, 3)
  for (let edit = 0; edit < edits; edit++) {
    const key = rng.pick(keys)
    if (rng.chance(0.25)) delete record[key]
    else if (rng.chance(0.2) && typeof record.address === 'string') record[key] = record.address
    else if (rng.chance(0.2)) record[key] = validMessage(rng)[key as keyof TipMessage]
    else record[key] = key === 't' ? rng.pick(['hello', 'paid', 'Hello', '', 'steal']) : jsonValue(rng)
  }
  return record
}

/** What docs/PROTOCOL.md says a message is, written independently of the codec. */
function isValidMessage(record: unknown): boolean {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return false
  const r = record as Record<string, unknown>
  const isString = (value: unknown, pattern: RegExp) => typeof value === 'string' && pattern.test(value)
  const isTxId = (value: unknown) => isString(value, /^[0-9a-f]{64}$/)
  const isSignature = (value: unknown) => isString(value, /^0x[0-9a-f]{130}$/)
  const isAddress = (value: unknown) => isString(value, /^T[1-9A-HJ-NP-Za-km-z]{33}$/)
  if (r.v !== 1) return false
  if (r.t === 'paid') return isTxId(r.tx)
  if (r.t !== 'hello') return false
  const shape =
    isString(r.chain, /^0x[0-9a-f]{8}$/) &&
    isAddress(r.address) &&
    isAddress(r.session) &&
    r.address !== r.session &&
    isSignature(r.bind)
  if (!shape) return false
  if (r.funding !== undefined) return r.grant === undefined && r.expires === undefined && isTxId(r.funding)
  return (
    typeof r.expires === 'number' && Number.isSafeInteger(r.expires) && r.expires > 0 && isSignature(r.grant)
  )
}

const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))

function checkVerdict(payload: Uint8Array, expectValid: boolean | undefined): string {
  const result = decodeMessage(payload)
  if (typeof result !== 'object' || typeof result.ok !== 'boolean') throw new Error('no verdict')
  if (payload.length > MAX_MESSAGE_BYTES && (result.ok || result.reason !== 'too large')) {
    throw new Error(`a payload of ${payload.length} bytes was parsed (${JSON.stringify(result)})`)
  }
  if (expectValid !== undefined && result.ok !== expectValid) {
    throw new Error(`decodeMessage says ok=${result.ok}, the protocol says ${expectValid}`)
  }
  if (!result.ok) {
    if (typeof result.reason !== 'string' || result.reason === '')
      throw new Error('a rejection without reason')
    return 'rejected'
  }
  if (!isValidMessage(result.message))
    throw new Error(`accepted an invalid ${JSON.stringify(result.message)}`)
  // Accepted messages carry no field the protocol does not name, and survive a round trip.
  const again = decodeMessage(encodeMessage(result.message))
  if (!again.ok || !isDeepStrictEqual(again.message, result.message)) throw new Error('round trip changed it')
  return 'accepted'
}

export const tippingCodec: FuzzTarget = {
  name: 'tipping-codec',
  run({ rng, input }) {
    switch (rng.below(5)) {
      case 0: {
        // Round trip of a valid message, as a peer's encoder produces it.
        const message = validMessage(rng)
        input('message', message)
        const decoded = decodeMessage(encodeMessage(message))
        if (!decoded.ok || !isDeepStrictEqual(decoded.message, message)) {
          throw new Error(`round trip failed: ${JSON.stringify(decoded)}`)
        }
        return 'round-trip'
      }
      case 1: {
        const record = alteredRecord(rng)
        const payload = bytesOf(record)
        input('record', record)
        return checkVerdict(payload, payload.length > MAX_MESSAGE_BYTES ? false : isValidMessage(record))
      }
      case 2: {
        const valid = bytesOf(validMessage(rng))
        const payload = mutate(rng, valid, {
          tokens: JSON_TOKENS,
          nesting: ['[', '{"a":'],
          corpus: [bytesOf(validMessage(rng))],
        })
        input('payload', payload)
        return checkVerdict(payload, undefined)
      }
      case 3: {
        // Over the limit by a little or a lot; valid JSON, so only the size check can refuse it.
        const padded = { ...validMessage(rng), pad: 'x'.repeat(rng.between(MAX_MESSAGE_BYTES - 600, 70_000)) }
        const payload = bytesOf(padded)
        input('payload length', payload.length)
        return checkVerdict(payload, payload.length <= MAX_MESSAGE_BYTES)
      }
      default: {
        const payload = rng.bytes(rng.size(MAX_MESSAGE_BYTES + 64))
        input('payload', payload)
        return checkVerdict(payload, payload.length > MAX_MESSAGE_BYTES ? false : undefined)
      }
    }
  },
}
