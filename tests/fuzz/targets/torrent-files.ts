/**
 * .torrent files from strangers: the bounded bencode decoder (src/torrent/input/bencode.ts) and the checks
 * in front of the engine (src/torrent/input/torrent-file.ts). Inputs are valid torrents (the demo's and
 * generated ones) edited by the mutators, deep nesting, inflated lengths and random bytes. The
 * decoder must return a value or throw BencodeError; inspectTorrentFile must resolve to a consistent
 * summary or reject with UserFacingError. Decoding is bounded: at most one value per input byte, a
 * depth limit instead of a stack overflow, and no string longer than the data.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { isDeepStrictEqual } from 'node:util'
import { BencodeError, decodeBencode, isDict, type BencodeValue } from '../../../src/torrent/input/bencode'
import { UserFacingError } from '../../../src/shared/errors'
import { MAX_TORRENT_FILE_BYTES, inspectTorrentFile } from '../../../src/torrent/input/torrent-file'
import { bencode, type Encodable } from '../bencode-writer'
import type { FuzzTarget } from '../harness'
import { INTERESTING_NUMBERS, mutate, type MutationOptions } from '../mutate'
import type { Rng } from '../rng'

const DEMO_TORRENT = new Uint8Array(
  readFileSync(new URL('../../../public/demo/demo.torrent', import.meta.url)),
)
const MAX_DEPTH = 64

const SAFE_NUMBERS = INTERESTING_NUMBERS.map(Number).filter(Number.isSafeInteger)
const BENCODE_TOKENS = ['i', 'e', 'l', 'd', ':', '0:', '1:', '-', 'i-0e', 'i00e', 'ie', '4:info', 'de', 'le']

/** A random bencode value, nested at most `depth` deep. */
function randomValue(rng: Rng, depth: number): Encodable {
  switch (rng.below(depth > 0 ? 4 : 2)) {
    case 0:
      return rng.chance(0.5) ? rng.between(-1000, 1000) : rng.pick(SAFE_NUMBERS)
    case 1:
      return rng.bytes(rng.size(40))
    case 2:
      return Array.from({ length: rng.size(5) }, () => randomValue(rng, depth - 1))
    default: {
      const dict: Record<string, Encodable> = Object.create(null) as Record<string, Encodable>
      for (let key = rng.size(5); key > 0; key--) {
        dict[String.fromCharCode(...rng.bytes(rng.size(8)))] = randomValue(rng, depth - 1)
      }
      return dict
    }
  }
}

/** A nesting of exactly `depth` lists and dictionaries around a value. */
function nested(rng: Rng, depth: number): Encodable {
  let value: Encodable = rng.between(0, 9)
  for (let level = 0; level < depth; level++) {
    if (rng.chance(0.5)) {
      value = [value]
    } else {
      const dict: Record<string, Encodable> = Object.create(null) as Record<string, Encodable>
      dict.k = value
      value = dict
    }
  }
  return value
}

const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex')

/** A torrent whose piece count matches its size; sizes from tiny to the edge of safe integers. */
export function validTorrent(rng: Rng): Uint8Array {
  const huge = rng.chance(0.2)
  const fileLength = () =>
    huge ? rng.pick([2 ** 51, 2 ** 52, 2 ** 53 - 1, 4_000_000_000_000_000]) : rng.between(0, 300_000)
  const multi = rng.chance(0.5)
  const files = Array.from({ length: rng.between(1, 4) }, () => ({
    length: fileLength(),
    path: Array.from({ length: rng.between(1, 3) }, () => rng.anyString(rng.size(12)) || 'x'),
  }))
  const total = multi ? files.reduce((sum, file) => sum + BigInt(file.length), 0n) : BigInt(files[0]!.length)
  const pieceLength = huge ? BigInt(2 ** 52) : BigInt(rng.pick([16_384, 32_768, 262_144]))
  const pieceCount = Math.max(1, Number((total + pieceLength - 1n) / pieceLength))
  const info: Record<string, Encodable> = {
    ...(multi ? { files } : { length: files[0]!.length }),
    name: rng.anyString(rng.between(1, 20)),
    'piece length': pieceLength,
    pieces: rng.bytes(20 * pieceCount),
  }
  if (rng.chance(0.3)) info.private = 1
  const root: Record<string, Encodable> = {}
  if (rng.chance(0.7)) root.announce = `wss://tracker${rng.below(10)}.example.org`
  if (rng.chance(0.4)) root['announce-list'] = [[`ws://127.0.0.1:${rng.between(1, 65535)}`], ['udp://x:1']]
  root.info = info
  if (rng.chance(0.3)) root['creation date'] = rng.between(0, 2 ** 31)
  return bencode(root)
}

function torrentInput(rng: Rng): Uint8Array {
  const options: MutationOptions = {
    tokens: BENCODE_TOKENS,
    nesting: ['l', 'd1:a'],
    corpus: [DEMO_TORRENT, validTorrent(rng)],
  }
  switch (rng.below(6)) {
    case 0:
      return validTorrent(rng)
    case 1:
      return rng.bytes(rng.size(2_000))
    case 2:
      return mutate(rng, DEMO_TORRENT, options)
    default:
      return mutate(rng, validTorrent(rng), options)
  }
}

/** The number of values in a decoded tree: bounded by the input's length. */
function countValues(value: BencodeValue): number {
  if (typeof value === 'number' || value instanceof Uint8Array) return 1
  const children = Array.isArray(value) ? value : Object.values(value)
  return children.reduce<number>((count, child) => count + countValues(child), 1)
}

function depthOf(value: BencodeValue): number {
  if (typeof value === 'number' || value instanceof Uint8Array) return 0
  const children = Array.isArray(value) ? value : Object.values(value)
  return 1 + children.reduce<number>((deepest, child) => Math.max(deepest, depthOf(child)), 0)
}

function checkDecode(bytes: Uint8Array): string {
  let decoded: ReturnType<typeof decodeBencode>
  try {
    decoded = decodeBencode(bytes)
  } catch (error) {
    if (error instanceof BencodeError) return 'rejected'
    throw error
  }
  const { value, topLevelRanges } = decoded
  if (countValues(value) > bytes.length) throw new Error('more values than input bytes')
  if (depthOf(value) > MAX_DEPTH + 1) throw new Error(`nesting ${depthOf(value)} deep was accepted`)
  // Re-encoding gives the same value (the order of keys may differ: integer-like keys come first).
  if (!isDeepStrictEqual(decodeBencode(bencode(value)).value, value))
    throw new Error('re-encoding changed it')
  // The recorded byte range of each top-level key is exactly its value (the info hash hashes it).
  for (const [key, range] of topLevelRanges) {
    if (!isDict(value)) throw new Error('ranges for a value that is not a dictionary')
    const slice = decodeBencode(bytes.subarray(range.start, range.end)).value
    if (!isDeepStrictEqual(slice, value[key])) throw new Error(`range of ${JSON.stringify(key)} is wrong`)
  }
  return 'decoded'
}

export const bencodeTarget: FuzzTarget = {
  name: 'bencode',
  run({ rng, input }) {
    const which = rng.below(4)
    if (which === 0) {
      const value = rng.chance(0.8)
        ? randomValue(rng, 4)
        : nested(rng, rng.between(MAX_DEPTH - 2, MAX_DEPTH + 2))
      const bytes = bencode(value)
      input('bytes', bytes)
      const outcome = checkDecode(bytes)
      const depth = depthOf(decodeValueOrNull(bytes) ?? 0)
      if (outcome === 'rejected' && depth <= MAX_DEPTH) throw new Error('refused a valid encoding')
      return outcome === 'decoded' ? 'valid' : 'too-deep'
    }
    const bytes =
      which === 1
        ? mutate(rng, bencode(randomValue(rng, 4)), { tokens: BENCODE_TOKENS, nesting: ['l', 'd1:a'] })
        : torrentInput(rng)
    input('bytes', bytes)
    return checkDecode(bytes)
  },
}

/** Decodes without the depth limit, for the model of what is too deep; null when malformed. */
function decodeValueOrNull(bytes: Uint8Array): BencodeValue | null {
  try {
    return decodeBencode(bytes, { maxDepth: 1_000 }).value
  } catch {
    return null
  }
}

export const torrentFile: FuzzTarget = {
  name: 'torrent-file',
  async: true,
  async run({ rng, input }) {
    // Rarely, a file just over the size cap: refused before any parsing.
    const bytes = rng.chance(0.002)
      ? new Uint8Array(MAX_TORRENT_FILE_BYTES + 1).fill(0x6c)
      : torrentInput(rng)
    input('bytes', bytes)
    let summary: Awaited<ReturnType<typeof inspectTorrentFile>>
    try {
      summary = await inspectTorrentFile(bytes)
    } catch (error) {
      if (!(error instanceof UserFacingError) || error.message.length === 0) throw error
      // Over the cap, refused for its size alone: nothing was parsed.
      if (bytes.length > MAX_TORRENT_FILE_BYTES && !error.message.includes('too large')) {
        throw new Error(`a file over the cap was parsed: ${error.message}`, { cause: error })
      }
      return 'rejected'
    }
    if (bytes.length > MAX_TORRENT_FILE_BYTES) throw new Error('accepted a file over the size cap')
    const { value, topLevelRanges } = decodeBencode(bytes)
    const range = topLevelRanges.get('info')
    if (!isDict(value) || !isDict(value.info) || !range) throw new Error('accepted a torrent without info')
    if (summary.infoHash !== sha1(bytes.subarray(range.start, range.end))) throw new Error('wrong info hash')
    if (!Number.isSafeInteger(summary.length) || summary.length < 0) {
      throw new Error(`accepted a total length of ${summary.length}`)
    }
    const pieceLength = value.info['piece length']
    if (typeof pieceLength !== 'number' || !Number.isSafeInteger(pieceLength) || pieceLength <= 0) {
      throw new Error('accepted a bad piece length')
    }
    const expectedPieces = (BigInt(summary.length) + BigInt(pieceLength) - 1n) / BigInt(pieceLength)
    if (
      BigInt(summary.pieceCount) !== expectedPieces ||
      summary.pieceHashes.length !== summary.pieceCount * 20
    ) {
      throw new Error(`${summary.pieceCount} pieces for ${summary.length} bytes in pieces of ${pieceLength}`)
    }
    if (summary.name === '' || !summary.trackers.every((tracker) => typeof tracker === 'string')) {
      throw new Error('accepted a torrent without a name, or with a bad tracker')
    }
    return 'accepted'
  },
}
