import { describe, expect, it } from 'vitest'
import { BencodeError, decodeBencode, isDict, type BencodeValue } from './bencode'

const encoder = new TextEncoder()
const bytesOf = (text: string): Uint8Array => encoder.encode(text)
const decode = (text: string, maxDepth?: number): BencodeValue =>
  decodeBencode(bytesOf(text), maxDepth === undefined ? undefined : { maxDepth }).value
const textOf = (value: BencodeValue | undefined): string => {
  if (!(value instanceof Uint8Array)) throw new Error('not a byte string')
  return new TextDecoder().decode(value)
}

function expectBencodeError(input: string | Uint8Array, messagePart: string, maxDepth?: number): void {
  const bytes = typeof input === 'string' ? bytesOf(input) : input
  let caught: unknown
  try {
    decodeBencode(bytes, maxDepth === undefined ? undefined : { maxDepth })
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(BencodeError)
  expect((caught as Error).message).toContain(messagePart)
}

/** mulberry32: a tiny deterministic PRNG, so the fuzz cases are the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('decodeBencode: integers', () => {
  it('decodes positive, zero and negative integers', () => {
    expect(decode('i42e')).toBe(42)
    expect(decode('i0e')).toBe(0)
    expect(decode('i-7e')).toBe(-7)
    expect(decode('i9007199254740991e')).toBe(Number.MAX_SAFE_INTEGER)
    expect(decode('i-9007199254740991e')).toBe(Number.MIN_SAFE_INTEGER)
  })

  it('rejects non-canonical integers', () => {
    expectBencodeError('i-0e', 'non-canonical number')
    expectBencodeError('i03e', 'non-canonical number')
    expectBencodeError('i00e', 'non-canonical number')
    expectBencodeError('i-03e', 'non-canonical number')
    expectBencodeError('ie', 'non-canonical number')
    expectBencodeError('i-e', 'non-canonical number')
  })

  it('rejects stray characters in integers', () => {
    expectBencodeError('i1-2e', 'invalid number')
    expectBencodeError('i+1e', 'invalid number')
    expectBencodeError('i1.5e', 'invalid number')
    expectBencodeError('i 1e', 'invalid number')
    expectBencodeError('i--1e', 'invalid number')
  })

  it('rejects integers outside the safe range or too long', () => {
    expectBencodeError('i9007199254740992e', 'integer out of range')
    expectBencodeError('i-9007199254740992e', 'integer out of range')
    expectBencodeError(`i${'1'.repeat(21)}e`, 'number too long')
  })

  it('rejects an unterminated integer', () => {
    expectBencodeError('i42', 'unexpected end of data')
    expectBencodeError('i', 'unexpected end of data')
  })
})

describe('decodeBencode: byte strings', () => {
  it('decodes strings as bytes', () => {
    const value = decode('4:spam')
    expect(value).toBeInstanceOf(Uint8Array)
    expect(textOf(value)).toBe('spam')
  })

  it('decodes a zero-length string', () => {
    const value = decode('0:')
    expect(value).toBeInstanceOf(Uint8Array)
    expect(value).toHaveLength(0)
  })

  it('keeps binary content intact', () => {
    const bytes = new Uint8Array([0x33, 0x3a, 0x00, 0xff, 0x65])
    expect(Array.from(decodeBencode(bytes).value as Uint8Array)).toEqual([0x00, 0xff, 0x65])
  })

  it('rejects a string length beyond the data', () => {
    expectBencodeError('5:spam', 'string longer than the data')
    expectBencodeError('99999999999999999999:x', 'string longer than the data')
  })

  it('rejects non-canonical or malformed lengths', () => {
    expectBencodeError('04:spam', 'non-canonical number')
    expectBencodeError('4x:spam', 'invalid number')
    expectBencodeError('4', 'unexpected end of data')
  })
})

describe('decodeBencode: lists and dictionaries', () => {
  it('decodes lists', () => {
    expect(decode('le')).toEqual([])
    const list = decode('li1ei-2e3:abce') as BencodeValue[]
    expect(list).toHaveLength(3)
    expect(list[0]).toBe(1)
    expect(list[1]).toBe(-2)
    expect(textOf(list[2])).toBe('abc')
  })

  it('decodes dictionaries', () => {
    expect(isDict(decode('de'))).toBe(true)
    const dict = decode('d3:cow3:moo4:spami7ee')
    if (!isDict(dict)) throw new Error('expected a dictionary')
    expect(Object.keys(dict)).toEqual(['cow', 'spam'])
    expect(textOf(dict.cow)).toBe('moo')
    expect(dict.spam).toBe(7)
  })

  it('accepts keys out of sorted order', () => {
    const dict = decode('d1:bi1e1:ai2ee')
    if (!isDict(dict)) throw new Error('expected a dictionary')
    expect(dict.a).toBe(2)
    expect(dict.b).toBe(1)
  })

  it('stores keys such as __proto__ as ordinary entries', () => {
    const dict = decode('d9:__proto__i1ee')
    if (!isDict(dict)) throw new Error('expected a dictionary')
    expect(Object.keys(dict)).toEqual(['__proto__'])
    expect(dict.__proto__).toBe(1)
  })

  it('decodes nested structures', () => {
    const value = decode('d4:listl1:ad1:xi1eee4:dictd5:innerleee')
    if (!isDict(value) || !Array.isArray(value.list) || !isDict(value.dict)) throw new Error('bad shape')
    expect(textOf(value.list[0])).toBe('a')
    const inner = value.list[1]
    expect(isDict(inner) && inner.x).toBe(1)
    expect(value.dict.inner).toEqual([])
  })

  it('rejects repeated dictionary keys', () => {
    expectBencodeError('d1:ai1e1:ai2ee', 'repeated dictionary key')
    expectBencodeError('d1:ad1:bi1e1:bi2eee', 'repeated dictionary key')
  })

  it('rejects non-string dictionary keys', () => {
    expectBencodeError('di1ei2ee', 'dictionary key is not a string')
    expectBencodeError('dlei2ee', 'dictionary key is not a string')
  })

  it('rejects a dictionary key without a value', () => {
    expectBencodeError('d1:ae', 'unknown value type')
    expectBencodeError('d1:a', 'unexpected end of data')
  })

  it('rejects truncated lists and dictionaries', () => {
    expectBencodeError('l', 'unexpected end of data')
    expectBencodeError('li1e', 'unexpected end of data')
    expectBencodeError('d', 'unexpected end of data')
    expectBencodeError('d3:cow3:moo', 'unexpected end of data')
    expectBencodeError('ll', 'unexpected end of data')
  })
})

describe('decodeBencode: structural errors', () => {
  it('rejects empty input', () => {
    expectBencodeError(new Uint8Array(0), 'unexpected end of data at byte 0')
  })

  it('rejects an unknown type byte, saying where', () => {
    expectBencodeError('x', 'unknown value type at byte 0')
    expectBencodeError('lxe', 'unknown value type at byte 1')
    expectBencodeError('e', 'unknown value type')
    expectBencodeError('-1:a', 'unknown value type')
  })

  it('rejects trailing data', () => {
    expectBencodeError('i1ei2e', 'trailing data at byte 3')
    expectBencodeError('lee', 'trailing data')
    expectBencodeError('4:spam ', 'trailing data')
  })
})

describe('decodeBencode: nesting depth', () => {
  const nested = (depth: number): string => 'l'.repeat(depth) + 'e'.repeat(depth)

  it('honours the maxDepth limit', () => {
    expect(decode(nested(3), 2)).toEqual([[[]]])
    expectBencodeError(nested(4), 'nesting too deep', 2)
    expect(decode('le', 0)).toEqual([])
    expectBencodeError('llee', 'nesting too deep', 0)
    expectBencodeError('d1:ad1:ad1:ai1eeee', 'nesting too deep', 2)
  })

  it('defaults to a limit of 64 levels', () => {
    expect(() => decodeBencode(bytesOf(nested(65)))).not.toThrow()
    expectBencodeError(nested(66), 'nesting too deep')
  })

  it('refuses deeply nested input without overflowing the stack', () => {
    expectBencodeError('l'.repeat(100_000), 'nesting too deep')
  })
})

describe('decodeBencode: topLevelRanges', () => {
  it('gives the exact byte range of each top-level value', () => {
    const text = 'd8:announce3:url4:infod4:name1:x6:lengthi5ee5:otheri-1ee'
    const bytes = bytesOf(text)
    const { topLevelRanges } = decodeBencode(bytes)
    const slice = (key: string): string => {
      const range = topLevelRanges.get(key)
      if (!range) throw new Error(`no range for ${key}`)
      return new TextDecoder().decode(bytes.subarray(range.start, range.end))
    }
    expect([...topLevelRanges.keys()]).toEqual(['announce', 'info', 'other'])
    expect(slice('announce')).toBe('3:url')
    expect(slice('info')).toBe('d4:name1:x6:lengthi5ee')
    expect(slice('other')).toBe('i-1e')
    expect(topLevelRanges.get('info')).toEqual({
      start: text.indexOf('d4:name'),
      end: text.indexOf('5:other'),
    })
  })

  it('does not record keys of nested dictionaries', () => {
    const { topLevelRanges } = decodeBencode(bytesOf('d4:infod4:namei1eee'))
    expect([...topLevelRanges.keys()]).toEqual(['info'])
  })

  it('is empty when the top-level value is not a dictionary', () => {
    expect(decodeBencode(bytesOf('ld4:infoi1eee')).topLevelRanges.size).toBe(0)
    expect(decodeBencode(bytesOf('i1e')).topLevelRanges.size).toBe(0)
  })
})

describe('isDict', () => {
  it('tells dictionaries from other values', () => {
    expect(isDict(decode('de'))).toBe(true)
    expect(isDict(decode('le'))).toBe(false)
    expect(isDict(decode('0:'))).toBe(false)
    expect(isDict(decode('i1e'))).toBe(false)
    expect(isDict(undefined)).toBe(false)
  })
})

describe('decodeBencode: fuzzing', () => {
  const decodesOrThrowsBencodeError = (bytes: Uint8Array): void => {
    try {
      decodeBencode(bytes, { maxDepth: 16 })
    } catch (error) {
      if (!(error instanceof BencodeError)) {
        throw new Error(`unexpected ${String(error)} for bytes [${Array.from(bytes).join(',')}]`, {
          cause: error,
        })
      }
    }
  }

  it('only ever returns or throws BencodeError for random bytes', () => {
    const random = mulberry32(0x5eed)
    const alphabet = bytesOf('ilde0123456789:-')
    for (let n = 0; n < 2000; n++) {
      const length = Math.floor(random() * 64)
      // Half the cases draw from bencode's own alphabet, so that they get past the first byte.
      const structured = n % 2 === 0
      const bytes = Uint8Array.from({ length }, () =>
        structured ? alphabet[Math.floor(random() * alphabet.length)]! : Math.floor(random() * 256),
      )
      decodesOrThrowsBencodeError(bytes)
    }
  })

  it('only ever returns or throws BencodeError for mutations of a valid encoding', () => {
    const valid = bytesOf(
      'd8:announce22:wss://tracker.example/13:announce-listll3:ws:ee4:infod6:lengthi1234e' +
        '4:name8:file.bin12:piece lengthi16384e6:pieces20:abcdefghijklmnopqrstee',
    )
    expect(() => decodeBencode(valid)).not.toThrow()
    const random = mulberry32(42)
    for (let n = 0; n < 2000; n++) {
      const bytes = Uint8Array.from(valid)
      const mutations = 1 + Math.floor(random() * 4)
      for (let m = 0; m < mutations; m++) {
        bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256)
      }
      const cut = random() < 0.25 ? Math.floor(random() * bytes.length) : bytes.length
      decodesOrThrowsBencodeError(bytes.subarray(0, cut))
    }
  })
})
