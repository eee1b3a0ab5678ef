/**
 * What the user types: the "Magnet link, info hash or torrent URL" box (src/torrent/input/input.ts), the
 * tracker list in settings (src/torrent/input/trackers.ts) and TRX amounts (src/tron/amounts.ts). Each
 * parser must return a well-formed value or throw its own UserFacingError, never anything else.
 */
import {
  MAX_INPUT_LENGTH,
  magnetFor,
  normalizeInfoHash,
  parseTorrentInput,
} from '../../../src/torrent/input/input'
import { UserFacingError } from '../../../src/shared/errors'
import {
  MAX_TRACKERS,
  browserTrackerUrl,
  parseTrackerList,
  trackerNamedInWarning,
} from '../../../src/torrent/input/trackers'
import { MAX_AMOUNT_SUN, parseTrxToSun, sumSun, sunToTrxString } from '../../../src/tron/amounts'
import type { FuzzTarget } from '../harness'
import { INTERESTING_NUMBERS, mutateText } from '../mutate'
import type { Rng } from '../rng'

const HEX = '0123456789abcdef'
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** Either a UserFacingError with a message, or a bug. */
function expectUserFacing(error: unknown): string {
  if (error instanceof UserFacingError && error.message.length > 0) return 'rejected'
  throw error
}

function base32(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out += BASE32[(value >>> bits) & 31]
    }
  }
  return out
}

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

const TRACKER_SEEDS = [
  'wss://tracker.example.org',
  'ws://127.0.0.1:8000',
  'wss://tracker.example.net:7073/announce',
  'udp://tracker.example.com:1337',
  'https://tracker.example.com/announce',
  'ws://[::1]:8000/',
]

const MAGNET_TOKENS = [
  'magnet:?',
  'xt=',
  'urn:btih:',
  'urn:btmh:',
  '&',
  '=',
  '?',
  '#',
  '%',
  '%zz',
  '%E0%A4%A',
  '+',
  ' ',
  '\n',
  '\t',
  'tr=',
  'dn=',
  'ws://',
  'wss://',
  'http://',
  '[::1]',
  ':99999',
  '@',
]

function torrentText(rng: Rng): string {
  const hash = rng.bytes(20)
  const hashText = rng.chance(0.5) ? hexOf(hash) : base32(hash)
  switch (rng.below(5)) {
    case 0:
      return hashText
    case 1:
      return `https://example.org/${rng.stringFrom(HEX, rng.size(20))}.torrent`
    case 2:
      return rng.anyString(rng.chance(0.05) ? MAX_INPUT_LENGTH + rng.below(100) : rng.size(200))
    default: {
      const trackers = Array.from({ length: rng.size(4) }, () => rng.pick(TRACKER_SEEDS))
      return magnetFor(hashText, rng.chance(0.5) ? rng.text(rng.size(20)) : undefined, trackers)
    }
  }
}

export const torrentInput: FuzzTarget = {
  name: 'torrent-input',
  run({ rng, input }) {
    if (rng.chance(0.2)) return magnetRoundTrip(rng, input)
    const seed = torrentText(rng)
    const text = rng.chance(0.8) ? mutateText(rng, seed, { tokens: MAGNET_TOKENS }) : seed
    input('text', text)
    let parsed: ReturnType<typeof parseTorrentInput>
    try {
      parsed = parseTorrentInput(text)
    } catch (error) {
      const outcome = expectUserFacing(error)
      // Over the limit, refused for its length alone: nothing was parsed.
      if (text.trim().length > MAX_INPUT_LENGTH && !(error as Error).message.includes('too long')) {
        throw new Error(`text over the limit was parsed: ${(error as Error).message}`, { cause: error })
      }
      return outcome
    }
    if (text.trim().length > MAX_INPUT_LENGTH) throw new Error('accepted text over the length limit')
    switch (parsed.kind) {
      case 'magnet':
        if (!/^[0-9a-f]{40}$/.test(parsed.infoHash)) throw new Error(`bad info hash ${parsed.infoHash}`)
        if (parsed.magnet !== text.trim()) throw new Error('the magnet is not what was typed')
        for (const tracker of parsed.trackers) {
          if (!['ws:', 'wss:', 'http:', 'https:', 'udp:'].includes(new URL(tracker).protocol)) {
            throw new Error(`kept tracker ${tracker}`)
          }
        }
        return 'magnet'
      case 'info-hash':
        if (!/^[0-9a-f]{40}$/.test(parsed.infoHash)) throw new Error(`bad info hash ${parsed.infoHash}`)
        return 'info-hash'
      case 'url': {
        const url = new URL(parsed.url)
        if (url.href !== parsed.url || !['http:', 'https:'].includes(url.protocol)) {
          throw new Error(`bad url ${parsed.url}`)
        }
        return 'url'
      }
    }
  },
}

/** A magnet made by magnetFor names the same info hash, in hex or base32, and the same trackers. */
function magnetRoundTrip(rng: Rng, input: (label: string, value: unknown) => void): string {
  const hash = rng.bytes(20)
  const trackers = Array.from({ length: rng.size(5) }, () =>
    rng.chance(0.7) ? rng.pick(TRACKER_SEEDS) : rng.text(rng.size(30)),
  )
  const name = rng.chance(0.5) ? rng.text(rng.size(40)) : undefined
  const written = rng.chance(0.5) ? hexOf(hash) : base32(hash)
  const magnet = magnetFor(written, name, trackers)
  input('magnet', magnet)
  if (normalizeInfoHash(written) !== hexOf(hash)) throw new Error(`${written} is not ${hexOf(hash)}`)
  const parsed = parseTorrentInput(magnet)
  if (parsed.kind !== 'magnet' || parsed.infoHash !== hexOf(hash)) throw new Error('lost the info hash')
  const expected = trackers.filter((tracker) => {
    try {
      return ['ws:', 'wss:', 'http:', 'https:', 'udp:'].includes(new URL(tracker).protocol)
    } catch {
      return false
    }
  })
  if (JSON.stringify(parsed.trackers) !== JSON.stringify(expected)) {
    throw new Error(`trackers ${JSON.stringify(parsed.trackers)}, expected ${JSON.stringify(expected)}`)
  }
  return 'round-trip'
}

export const trackerList: FuzzTarget = {
  name: 'tracker-list',
  run({ rng, input }) {
    const lines = Array.from({ length: rng.chance(0.1) ? rng.between(30, 80) : rng.size(8) }, () => {
      const seed = rng.chance(0.02)
        ? `wss://${'t'.repeat(rng.between(500, 520))}.example.org`
        : rng.chance(0.5)
          ? `wss://t${rng.below(40)}.example.org`
          : rng.pick(TRACKER_SEEDS)
      const line = rng.chance(0.6) ? mutateText(rng, seed, { tokens: MAGNET_TOKENS }) : seed
      return rng.chance(0.2) ? ` \t${line}  ` : line
    })
    const text = lines.join(rng.chance(0.5) ? '\n' : '\r\n')
    input('text', text)
    const { trackers, rejected } = parseTrackerList(text)
    if (trackers.length > MAX_TRACKERS) throw new Error(`${trackers.length} trackers kept`)
    if (new Set(trackers).size !== trackers.length) throw new Error('a tracker kept twice')
    const candidates = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
    for (const tracker of trackers) {
      const url = new URL(tracker)
      if ((url.protocol !== 'ws:' && url.protocol !== 'wss:') || tracker.length > 512) {
        throw new Error(`kept ${tracker}`)
      }
      if (!candidates.includes(tracker)) throw new Error(`${tracker} is not a line of the input`)
    }
    // Every line is either a usable tracker (kept, or a duplicate, or beyond the cap) or rejected.
    for (const line of candidates) {
      if ((browserTrackerUrl(line) === null) !== rejected.includes(line)) throw new Error(`lost line ${line}`)
    }
    const warning = `Error connecting to ${rng.pick(trackers.length ? trackers : ['x'])}${rng.anyString(rng.size(10))}`
    const named = trackerNamedInWarning(rng.chance(0.5) ? warning : rng.anyString(rng.size(60)))
    if (named !== null && !/^wss?:\/\//i.test(named)) throw new Error(`named ${named}`)
    return trackers.length > 0 ? 'some-kept' : 'none-kept'
  },
}

const AMOUNT_TOKENS = ['.', ',', ' ', '\u00a0', '-', '+', 'e', '0', '000000', '٣', '１', '\n']

/**
 * parseTrxToSun as documented, in exact arithmetic: the amount in sun, or null when refused. Spaces
 * are ignored; '.' is always the decimal point, and so is the language's own mark (',' in French
 * and German; English has none other).
 */
function expectedSun(text: string, decimalMark: '.' | ','): bigint | null {
  const withoutSpaces = text.replace(/\s/g, '')
  const normalised = decimalMark === '.' ? withoutSpaces : withoutSpaces.replace(decimalMark, '.')
  const match = /^([0-9]+)(?:\.([0-9]*))?$/.exec(normalised)
  if (!match) return null
  const fraction = match[2] ?? ''
  if (fraction.length > 6) return null
  const sun = BigInt(match[1]!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'))
  return sun > 0n && sun <= BigInt(MAX_AMOUNT_SUN) ? sun : null
}

export const trxAmounts: FuzzTarget = {
  name: 'trx-amounts',
  run({ rng, input }) {
    const which = rng.below(4)
    if (which === 0) {
      // sunToTrxString and back, over the whole safe range.
      const sun = rng.chance(0.5)
        ? rng.between(1, 10 ** 9)
        : Math.floor(rng.uint32() * 2 ** 21 + rng.uint32())
      input('sun', sun)
      const text = sunToTrxString(sun)
      if (!/^\d+(\.\d{0,5}[1-9])?$/.test(text)) throw new Error(`${sun} printed as ${text}`)
      if (sun <= MAX_AMOUNT_SUN && parseTrxToSun(text) !== sun) throw new Error(`${text} parsed back wrong`)
      return 'round-trip'
    }
    if (which === 1) {
      // Sums are exact or refused, whatever the signs.
      const amounts = Array.from({ length: rng.size(6) }, () => {
        const magnitude = rng.chance(0.5) ? rng.below(2 ** 32) : Number(rng.pick(INTERESTING_NUMBERS))
        return rng.chance(0.3) ? -magnitude : magnitude
      })
      input('amounts', amounts)
      let total: number
      try {
        total = sumSun(amounts)
      } catch (error) {
        if (!(error instanceof RangeError)) throw error
        const exact = amounts.every(Number.isSafeInteger)
          ? amounts.reduce((sum, amount) => sum + BigInt(amount), 0n)
          : null
        if (exact !== null && amounts.every((_, end) => isSafe(amounts.slice(0, end + 1)))) {
          throw new Error(`refused a sum that stays exact: ${exact}`, { cause: error })
        }
        return 'refused'
      }
      if (!amounts.every(Number.isSafeInteger)) throw new Error('summed a non-integer')
      const exact = amounts.reduce((sum, amount) => sum + BigInt(amount), 0n)
      if (BigInt(total) !== exact) throw new Error(`sum ${total}, exactly ${exact}`)
      return 'summed'
    }
    const seed =
      which === 2
        ? `${rng.pick(['', '0', '1', '12', '999', '99999999999', '100000000000', '0000000000001'])}${rng.pick(['', '.', ','])}${rng.stringFrom('0123456789', rng.size(8))}`
        : rng.anyString(rng.size(24))
    const text = rng.chance(0.7) ? mutateText(rng, seed, { tokens: AMOUNT_TOKENS }) : seed
    const decimalMark = rng.pick(['.', ','] as const)
    input('text', text)
    input('decimal mark', decimalMark)
    const expected = expectedSun(text, decimalMark)
    let sun: number
    try {
      sun = parseTrxToSun(text, decimalMark)
    } catch (error) {
      const outcome = expectUserFacing(error)
      if (expected !== null) {
        throw new Error(`refused ${JSON.stringify(text)}, which is ${expected} sun`, { cause: error })
      }
      return outcome
    }
    if (!Number.isSafeInteger(sun) || sun <= 0) throw new Error(`${JSON.stringify(text)} gave ${sun}`)
    if (expected === null || BigInt(sun) !== expected) {
      throw new Error(`${JSON.stringify(text)} gave ${sun}, expected ${String(expected)}`)
    }
    return 'accepted'
  },
}

/** Whether every partial sum of `amounts` stays a safe integer. */
function isSafe(amounts: readonly number[]): boolean {
  const sum = amounts.reduce((total, amount) => total + BigInt(amount), 0n)
  return sum <= BigInt(Number.MAX_SAFE_INTEGER) && sum >= BigInt(Number.MIN_SAFE_INTEGER)
}
