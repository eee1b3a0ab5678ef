/**
 * Mutators: small random edits of a valid input, which reach deeper into a parser than random bytes
 * do. Each edit is one of the classic ones (bit flip, byte set, insert, delete, truncate, repeat,
 * splice) or a format-aware one: a decimal number replaced by an awkward one, a length field
 * inflated, a token (a format's own syntax) inserted, or a deep run of nesting.
 */
import { concatBytes } from '../../tools/devnet/bytes'
import type { Rng } from './rng'

export interface MutationOptions {
  /** Other valid inputs to splice from. */
  corpus?: readonly Uint8Array[]
  /** Pieces of the format's syntax, inserted whole. */
  tokens?: readonly string[]
  /** A token that opens a nesting level ("l", "[", "{\"a\":"), repeated to test depth limits. */
  nesting?: readonly string[]
  /** The longest result to produce (a mutation that would exceed it is truncated). */
  maxLength?: number
}

/** Numbers around the edges of int32, uint32, safe integers, int64 and beyond. */
export const INTERESTING_NUMBERS: readonly string[] = [
  '0',
  '-0',
  '00',
  '1',
  '-1',
  '127',
  '128',
  '255',
  '256',
  '65535',
  '65536',
  '2147483647',
  '2147483648',
  '-2147483649',
  '4294967295',
  '4294967296',
  '9007199254740991',
  '9007199254740992',
  '-9007199254740993',
  '9223372036854775807',
  '18446744073709551616',
  '99999999999999999999',
  '999999999999999999999999999999',
  '1e308',
  '1e-7',
  '0.1',
  'NaN',
]

const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x2d, 0x30, 0x39, 0x3a, 0x22, 0x5c, 0x25, 0x0a]

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: false })

type Mutator = (rng: Rng, input: Uint8Array, options: MutationOptions) => Uint8Array

const flipBit: Mutator = (rng, input) => {
  if (input.length === 0) return input
  const out = input.slice()
  const at = rng.below(out.length)
  out[at] = out[at]! ^ (1 << rng.below(8))
  return out
}

const setByte: Mutator = (rng, input) => {
  if (input.length === 0) return Uint8Array.of(rng.pick(INTERESTING_BYTES))
  const out = input.slice()
  out[rng.below(out.length)] = rng.chance(0.5) ? rng.pick(INTERESTING_BYTES) : rng.below(256)
  return out
}

const insertBytes: Mutator = (rng, input) => {
  const at = rng.below(input.length + 1)
  return concatBytes(input.subarray(0, at), rng.bytes(rng.between(1, 8)), input.subarray(at))
}

const deleteRange: Mutator = (rng, input) => {
  if (input.length === 0) return input
  const start = rng.below(input.length)
  const end = Math.min(input.length, start + rng.between(1, 16))
  return concatBytes(input.subarray(0, start), input.subarray(end))
}

const truncate: Mutator = (rng, input) => input.slice(0, rng.below(input.length + 1))

const repeatRange: Mutator = (rng, input) => {
  if (input.length === 0) return input
  const start = rng.below(input.length)
  const chunk = input.subarray(start, Math.min(input.length, start + rng.between(1, 32)))
  const copies = Array.from({ length: rng.between(1, 8) }, () => chunk)
  return concatBytes(input.subarray(0, start), ...copies, input.subarray(start))
}

const splice: Mutator = (rng, input, options) => {
  const other = options.corpus?.length ? rng.pick(options.corpus) : rng.bytes(rng.size(64))
  const cut = rng.below(input.length + 1)
  return concatBytes(input.subarray(0, cut), other.subarray(rng.below(other.length + 1)))
}

/** Replaces one run of ASCII digits (with its sign) by an awkward number. */
const awkwardNumber: Mutator = (rng, input) => {
  const text = decoder.decode(input)
  const runs = [...text.matchAll(/-?\d+/g)]
  if (runs.length === 0) return input
  const run = rng.pick(runs)
  return encoder.encode(
    text.slice(0, run.index) + rng.pick(INTERESTING_NUMBERS) + text.slice(run.index + run[0].length),
  )
}

/** A length prefix ("12:" in bencode) claimed far larger than the data that follows. */
const inflateLength: Mutator = (rng, input) => {
  const text = decoder.decode(input)
  const runs = [...text.matchAll(/\d+(?=:)/g)]
  if (runs.length === 0) return awkwardNumber(rng, input, {})
  const run = rng.pick(runs)
  const huge = rng.pick(['4294967296', '9007199254740991', '99999999999999999999', String(input.length * 2)])
  return encoder.encode(text.slice(0, run.index) + huge + text.slice(run.index + run[0].length))
}

/** Protobuf's counterpart: a varint of ten bytes (the longest) or more, or a huge length. */
const longVarint: Mutator = (rng, input) => {
  const at = rng.below(input.length + 1)
  const varint = rng.chance(0.5)
    ? Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)
    : Uint8Array.of(...Array.from({ length: rng.between(1, 12) }, () => 0x80 | rng.below(128)), 0x7f)
  return concatBytes(input.subarray(0, at), varint, input.subarray(at))
}

const insertToken: Mutator = (rng, input, options) => {
  if (!options.tokens?.length) return insertBytes(rng, input, options)
  const at = rng.below(input.length + 1)
  return concatBytes(input.subarray(0, at), encoder.encode(rng.pick(options.tokens)), input.subarray(at))
}

/** Nesting hundreds or thousands deep, well past any sane depth limit. */
const deepNesting: Mutator = (rng, input, options) => {
  if (!options.nesting?.length) return repeatRange(rng, input, options)
  const at = rng.below(input.length + 1)
  const opener = encoder.encode(rng.pick(options.nesting).repeat(rng.pick([70, 500, 5_000, 50_000])))
  return concatBytes(input.subarray(0, at), opener, input.subarray(at))
}

const MUTATORS: readonly Mutator[] = [
  flipBit,
  flipBit,
  setByte,
  setByte,
  insertBytes,
  deleteRange,
  truncate,
  repeatRange,
  splice,
  awkwardNumber,
  awkwardNumber,
  inflateLength,
  longVarint,
  insertToken,
  insertToken,
  deepNesting,
]

/** One to four random edits of `input`; the input itself is never changed. */
export function mutate(rng: Rng, input: Uint8Array, options: MutationOptions = {}): Uint8Array {
  let out = input
  const edits = rng.between(1, 4)
  for (let edit = 0; edit < edits; edit++) out = rng.pick(MUTATORS)(rng, out, options)
  const max = options.maxLength ?? Number.POSITIVE_INFINITY
  return out.length > max ? out.subarray(0, max) : out
}

/** The same edits on text (through its UTF-8 bytes; invalid sequences come back as U+FFFD). */
export function mutateText(rng: Rng, text: string, options: MutationOptions = {}): string {
  const mutated = decoder.decode(mutate(rng, encoder.encode(text), options))
  // Sometimes splice in characters UTF-8 cannot carry (lone surrogates) or unusual code points.
  if (!rng.chance(0.2)) return mutated
  const at = rng.below(mutated.length + 1)
  return mutated.slice(0, at) + rng.anyString(rng.between(1, 4)) + mutated.slice(at)
}

/** How a JSON tree's leaves and object keys are made, for the format at hand. */
export interface JsonParts {
  leaf(rng: Rng): unknown
  key(rng: Rng): string
}

/**
 * Any JSON value: null, booleans, the format's leaves (six times as likely), arrays and objects,
 * nested at most four levels deep.
 */
export function jsonTree(rng: Rng, parts: JsonParts, depth = 0): unknown {
  const pick = rng.below(depth > 2 ? 8 : 10)
  if (pick === 0) return null
  if (pick === 1) return rng.chance(0.5)
  if (pick < 8) return parts.leaf(rng)
  if (pick === 8) return Array.from({ length: rng.size(4) }, () => jsonTree(rng, parts, depth + 1))
  return Object.fromEntries(
    Array.from({ length: rng.size(4) }, () => [parts.key(rng), jsonTree(rng, parts, depth + 1)]),
  )
}
