import { describe, expect, it } from 'vitest'
import { UserFacingError } from '../../shared/errors'
import { MAX_INPUT_LENGTH, magnetFor, normalizeInfoHash, parseTorrentInput } from './input'

const HEX = 'c9e15763f722f23e98a29decdfae341b98d53056'

/** RFC 4648 base32 (upper case, unpadded), written independently of the module under test. */
function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bitString = ''
  for (const byte of bytes) bitString += byte.toString(2).padStart(8, '0')
  while (bitString.length % 5 !== 0) bitString += '0'
  let out = ''
  for (let i = 0; i < bitString.length; i += 5) out += alphabet[parseInt(bitString.slice(i, i + 5), 2)]
  return out
}

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16))
}

const BASE32 = base32(hexToBytes(HEX))

function expectUserError(text: string, messagePart: string): void {
  let caught: unknown
  try {
    parseTorrentInput(text)
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(UserFacingError)
  expect((caught as Error).message).toContain(messagePart)
}

describe('the test helper', () => {
  it('encodes base32 like RFC 4648', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI')
    expect(BASE32).toHaveLength(32)
    expect(BASE32).toBe('ZHQVOY7XELZD5GFCTXWN7LRUDOMNKMCW')
  })
})

describe('parseTorrentInput: magnet links', () => {
  it('accepts a magnet with a hex info hash', () => {
    const magnet = `magnet:?xt=urn:btih:${HEX}&dn=test`
    expect(parseTorrentInput(magnet)).toEqual({
      kind: 'magnet',
      magnet,
      infoHash: HEX,
      trackers: [],
      webSeeds: [],
    })
  })

  it('reads web seeds (ws=), keeping only HTTP(S) URLs', () => {
    const seed = 'https://seed.example/files/'
    const magnet = `magnet:?xt=urn:btih:${HEX}&ws=${encodeURIComponent(seed)}&ws=ftp%3A%2F%2Fx.example&ws=junk`
    expect(parseTorrentInput(magnet)).toMatchObject({ webSeeds: [seed] })
  })

  it('lower-cases an upper-case hex info hash', () => {
    const result = parseTorrentInput(`magnet:?xt=urn:btih:${HEX.toUpperCase()}`)
    expect(result).toMatchObject({ kind: 'magnet', infoHash: HEX })
  })

  it('accepts a magnet with a base32 info hash, normalised to hex', () => {
    expect(parseTorrentInput(`magnet:?xt=urn:btih:${BASE32}`)).toMatchObject({
      kind: 'magnet',
      infoHash: HEX,
    })
    expect(parseTorrentInput(`magnet:?xt=urn:btih:${BASE32.toLowerCase()}`)).toMatchObject({
      infoHash: HEX,
    })
  })

  it('trims surrounding whitespace and accepts an upper-case scheme', () => {
    const result = parseTorrentInput(`  \n MAGNET:?xt=URN:BTIH:${HEX}\t `)
    expect(result).toMatchObject({ kind: 'magnet', infoHash: HEX, magnet: `MAGNET:?xt=URN:BTIH:${HEX}` })
  })

  it('keeps only ws, wss, http, https and udp trackers', () => {
    const trackers = [
      'wss://tracker.example/announce',
      'ws://localhost:8000',
      'http://t.example/announce',
      'https://t.example/announce',
      'udp://t.example:1337',
    ]
    const rejected = ['ftp://t.example', 'javascript:alert(1)', 'not a url', '']
    const query = [...trackers, ...rejected].map((tr) => `tr=${encodeURIComponent(tr)}`).join('&')
    const result = parseTorrentInput(`magnet:?xt=urn:btih:${HEX}&${query}`)
    expect(result).toMatchObject({ kind: 'magnet', trackers })
  })

  it('uses the first valid btih topic when there are several', () => {
    const other = 'a'.repeat(40)
    const result = parseTorrentInput(
      `magnet:?xt=urn:sha1:xyz&xt=urn:btih:nope&xt=urn:btih:${other}&xt=urn:btih:${HEX}`,
    )
    expect(result).toMatchObject({ infoHash: other })
  })

  it('rejects a magnet without parameters', () => {
    expectUserError(`magnet:xt=urn:btih:${HEX}`, 'no parameters')
  })

  it('rejects a magnet without xt', () => {
    expectUserError('magnet:?dn=something&tr=wss%3A%2F%2Ft.example', 'no "xt" info hash')
  })

  it('rejects a magnet with an invalid btih', () => {
    for (const bad of [
      HEX.slice(1),
      `${HEX}0`,
      HEX.replace('c', 'g'),
      BASE32.slice(1),
      BASE32.replace('Z', '1'),
      '',
    ]) {
      expectUserError(`magnet:?xt=urn:btih:${bad}`, 'no valid BitTorrent info hash')
    }
  })

  it('rejects a magnet whose only topic is not btih', () => {
    expectUserError(`magnet:?xt=urn:sha1:${HEX}`, 'no valid BitTorrent info hash')
  })
})

describe('parseTorrentInput: bare info hashes', () => {
  it('accepts a 40-character hex info hash', () => {
    expect(parseTorrentInput(HEX)).toEqual({ kind: 'info-hash', infoHash: HEX })
    expect(parseTorrentInput(` ${HEX.toUpperCase()} `)).toEqual({ kind: 'info-hash', infoHash: HEX })
  })

  it('accepts a 32-character base32 info hash and converts it to lower-case hex', () => {
    expect(parseTorrentInput(BASE32)).toEqual({ kind: 'info-hash', infoHash: HEX })
    expect(parseTorrentInput(BASE32.toLowerCase())).toEqual({ kind: 'info-hash', infoHash: HEX })
  })

  it('rejects hashes of the wrong length', () => {
    expectUserError(HEX.slice(0, 39), 'Not a magnet link, info hash or torrent URL')
    expectUserError(`${HEX}a`, 'Not a magnet link, info hash or torrent URL')
    expectUserError(BASE32.slice(0, 31), 'Not a magnet link, info hash or torrent URL')
  })
})

describe('parseTorrentInput: URLs', () => {
  it('accepts http and https URLs, normalised', () => {
    expect(parseTorrentInput('https://example.com/file.torrent')).toEqual({
      kind: 'url',
      url: 'https://example.com/file.torrent',
    })
    expect(parseTorrentInput('HTTP://Example.COM')).toEqual({ kind: 'url', url: 'http://example.com/' })
  })

  it('rejects an http(s) prefix that is not a valid address', () => {
    expectUserError('https://', 'not a valid web address')
    expectUserError('http://exa mple.com/x.torrent', 'not a valid web address')
  })

  it('does not accept other URL schemes', () => {
    expectUserError('ftp://example.com/file.torrent', 'Not a magnet link')
    expectUserError('file:///etc/passwd', 'Not a magnet link')
  })
})

describe('parseTorrentInput: other input', () => {
  it('asks for input when it is empty or whitespace', () => {
    expectUserError('', 'Enter a magnet link')
    expectUserError('   \n\t  ', 'Enter a magnet link')
  })

  it('refuses over-long input', () => {
    const magnet = `magnet:?xt=urn:btih:${HEX}&dn=`
    const atLimit = magnet + 'a'.repeat(MAX_INPUT_LENGTH - magnet.length)
    expect(parseTorrentInput(atLimit)).toMatchObject({ kind: 'magnet', infoHash: HEX })
    expectUserError(`${atLimit}a`, 'too long')
    expectUserError('x'.repeat(100_000), 'too long')
  })

  it('rejects garbage text with a hint about what a magnet looks like', () => {
    for (const text of ['hello world', 'urn:btih:abc', '12345', '<script>alert(1)</script>']) {
      expectUserError(text, 'magnet:?xt=urn:btih:')
    }
  })
})

describe('normalizeInfoHash', () => {
  it('lower-cases hex', () => {
    expect(normalizeInfoHash(HEX.toUpperCase())).toBe(HEX)
    expect(normalizeInfoHash(HEX)).toBe(HEX)
  })

  it('converts base32 of either case to the same hex', () => {
    expect(normalizeInfoHash(BASE32)).toBe(HEX)
    expect(normalizeInfoHash(BASE32.toLowerCase())).toBe(HEX)
  })

  it('round-trips arbitrary hashes through base32', () => {
    let seed = 1
    for (let n = 0; n < 50; n++) {
      const bytes = Uint8Array.from(
        { length: 20 },
        () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff,
      )
      const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
      expect(normalizeInfoHash(base32(bytes))).toBe(hex)
    }
  })

  it('handles the all-zero and all-one hashes', () => {
    expect(normalizeInfoHash('A'.repeat(32))).toBe('0'.repeat(40))
    expect(normalizeInfoHash('7'.repeat(32))).toBe('f'.repeat(40))
  })
})

describe('magnetFor', () => {
  it('builds a magnet with only the info hash', () => {
    expect(magnetFor(HEX, undefined, [])).toBe(`magnet:?xt=urn:btih:${HEX}`)
    expect(magnetFor(HEX, '', [])).toBe(`magnet:?xt=urn:btih:${HEX}`)
  })

  it('URI-encodes the name and trackers', () => {
    const magnet = magnetFor(HEX, 'My file & more?.webm', ['wss://t.example/announce?a=1&b=2', 'ws://x:80'])
    expect(magnet).toBe(
      `magnet:?xt=urn:btih:${HEX}` +
        '&dn=My%20file%20%26%20more%3F.webm' +
        '&tr=wss%3A%2F%2Ft.example%2Fannounce%3Fa%3D1%26b%3D2' +
        '&tr=ws%3A%2F%2Fx%3A80',
    )
  })

  it('produces a magnet that parseTorrentInput reads back', () => {
    const trackers = ['wss://t.example/announce?a=1&b=2', 'udp://u.example:6969']
    const magnet = magnetFor(HEX, 'näme', trackers)
    const parsed = parseTorrentInput(magnet)
    expect(parsed).toEqual({ kind: 'magnet', magnet, infoHash: HEX, trackers, webSeeds: [] })
    expect(new URLSearchParams(magnet.slice(magnet.indexOf('?') + 1)).get('dn')).toBe('näme')
  })
})
