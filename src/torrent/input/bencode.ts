/**
 * A strict, bounded bencode decoder. It exists so that a .torrent from a stranger is checked (and its
 * info dictionary located for hashing) before the engine sees it; malformed input throws
 * BencodeError instead of crashing or allocating without limit.
 */
export type BencodeValue = number | Uint8Array | BencodeValue[] | BencodeDict
export interface BencodeDict {
  [key: string]: BencodeValue
}

export class BencodeError extends Error {
  override readonly name = 'BencodeError'
}

export interface DecodeLimits {
  /** Deepest nesting of lists and dictionaries accepted. */
  maxDepth: number
}

export interface Decoded {
  value: BencodeValue
  /** Byte ranges of the values of top-level dictionary keys, e.g. to hash the `info` dictionary. */
  topLevelRanges: Map<string, { start: number; end: number }>
}

const DEFAULT_LIMITS: DecodeLimits = { maxDepth: 64 }
const latin1 = new TextDecoder('latin1')

export function decodeBencode(bytes: Uint8Array, limits: DecodeLimits = DEFAULT_LIMITS): Decoded {
  const topLevelRanges = new Map<string, { start: number; end: number }>()
  let position = 0

  const fail = (reason: string): never => {
    throw new BencodeError(`${reason} at byte ${position}`)
  }
  const peek = (): number => (position < bytes.length ? bytes[position]! : fail('unexpected end of data'))

  const readDigitsUntil = (terminator: number): string => {
    const start = position
    while (peek() !== terminator) {
      const byte = bytes[position]!
      if (!(byte >= 0x30 && byte <= 0x39) && !(byte === 0x2d && position === start)) fail('invalid number')
      position++
      if (position - start > 20) fail('number too long')
    }
    const digits = latin1.decode(bytes.subarray(start, position))
    position++ // terminator
    if (digits === '' || digits === '-' || /^-0|^0\d/.test(digits)) fail('non-canonical number')
    return digits
  }

  const readInteger = (): number => {
    position++ // 'i'
    const value = Number(readDigitsUntil(0x65))
    if (!Number.isSafeInteger(value)) fail('integer out of range')
    return value
  }

  const readBytes = (): Uint8Array => {
    const digits = readDigitsUntil(0x3a)
    if (digits.startsWith('-')) fail('negative string length')
    const length = Number(digits)
    if (length > bytes.length - position) fail('string longer than the data')
    const value = bytes.subarray(position, position + length)
    position += length
    return value
  }

  const readValue = (depth: number, isTopLevelDict = false): BencodeValue => {
    if (depth > limits.maxDepth) fail('nesting too deep')
    const type = peek()
    if (type === 0x69) return readInteger()
    if (type >= 0x30 && type <= 0x39) return readBytes()
    if (type === 0x6c) {
      position++
      const list: BencodeValue[] = []
      while (peek() !== 0x65) list.push(readValue(depth + 1))
      position++
      return list
    }
    if (type === 0x64) {
      position++
      const dict: BencodeDict = Object.create(null) as BencodeDict
      // Key order is not enforced: real-world torrents are not always canonical; repeats are refused.
      const seen = new Set<string>()
      while (peek() !== 0x65) {
        if (!(peek() >= 0x30 && peek() <= 0x39)) fail('dictionary key is not a string')
        const key = latin1.decode(readBytes())
        if (seen.has(key)) fail('repeated dictionary key')
        seen.add(key)
        const start = position
        dict[key] = readValue(depth + 1)
        if (isTopLevelDict) topLevelRanges.set(key, { start, end: position })
      }
      position++
      return dict
    }
    return fail('unknown value type')
  }

  const value = readValue(0, true)
  if (position !== bytes.length) fail('trailing data')
  return { value, topLevelRanges }
}

export function isDict(value: BencodeValue | undefined): value is BencodeDict {
  return typeof value === 'object' && !(value instanceof Uint8Array) && !Array.isArray(value)
}
