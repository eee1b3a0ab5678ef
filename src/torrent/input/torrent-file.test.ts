import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { UserFacingError } from '../../shared/errors'
import { MAX_TORRENT_FILE_BYTES, inspectTorrentFile, withTrackers } from './torrent-file'
import { concatBytes } from '../../shared/bytes'

/** What the tiny test encoder accepts: strings are UTF-8, numbers are integers. */
type Encodable = number | string | Uint8Array | Encodable[] | { [key: string]: Encodable }

const encoder = new TextEncoder()

/** A minimal bencode encoder, independent of the decoder under test. Keys are written sorted. */
function bencode(value: Encodable): Uint8Array {
  if (typeof value === 'number') return encoder.encode(`i${value}e`)
  if (typeof value === 'string') return bencode(encoder.encode(value))
  if (value instanceof Uint8Array) return concatBytes([encoder.encode(`${value.length}:`), value])
  if (Array.isArray(value))
    return concatBytes([encoder.encode('l'), ...value.map(bencode), encoder.encode('e')])
  const keys = Object.keys(value).sort()
  return concatBytes([
    encoder.encode('d'),
    ...keys.flatMap((key) => [bencode(key), bencode(value[key]!)]),
    encoder.encode('e'),
  ])
}

const sha1Hex = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex')
const pieceHashes = (count: number): Uint8Array => new Uint8Array(20 * count).fill(0xab)

function singleFileInfo(overrides: Record<string, Encodable> = {}): Record<string, Encodable> {
  return {
    name: 'movie.webm',
    length: 40_000,
    'piece length': 16_384,
    pieces: pieceHashes(3),
    ...overrides,
  }
}

function multiFileInfo(overrides: Record<string, Encodable> = {}): Record<string, Encodable> {
  return {
    name: 'album',
    files: [
      { length: 10_000, path: ['01 intro.mp3'] },
      { length: 20_000, path: ['disc 2', '02 song.mp3'] },
      { length: 0, path: ['empty.txt'] },
    ],
    'piece length': 16_384,
    pieces: pieceHashes(2),
    ...overrides,
  }
}

function without(dict: Record<string, Encodable>, key: string): Record<string, Encodable> {
  const copy = { ...dict }
  delete copy[key]
  return copy
}

async function expectRejected(bytes: Uint8Array, messagePart: string): Promise<void> {
  let caught: unknown
  try {
    await inspectTorrentFile(bytes)
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(UserFacingError)
  expect((caught as Error).message).toContain(messagePart)
}

describe('the test encoder', () => {
  it('writes canonical bencode', () => {
    const text = new TextDecoder().decode(bencode({ b: [1, 'x'], a: -2 }))
    expect(text).toBe('d1:ai-2e1:bli1e1:xee')
  })
})

describe('inspectTorrentFile: valid torrents', () => {
  it('summarises a single-file torrent, hashing the info dictionary', async () => {
    const info = singleFileInfo()
    const bytes = bencode({ announce: 'wss://tracker.example/announce', info })
    const summary = await inspectTorrentFile(bytes)
    expect(summary).toEqual({
      infoHash: sha1Hex(bencode(info)),
      name: 'movie.webm',
      length: 40_000,
      pieceCount: 3,
      pieceHashes: pieceHashes(3),
      trackers: ['wss://tracker.example/announce'],
      isPrivate: false,
      webSeeds: [],
    })
    expect(summary.infoHash).toMatch(/^[0-9a-f]{40}$/)
  })

  it('summarises a multi-file torrent, summing the file lengths', async () => {
    const info = multiFileInfo()
    const summary = await inspectTorrentFile(bencode({ info }))
    expect(summary).toEqual({
      infoHash: sha1Hex(bencode(info)),
      name: 'album',
      length: 30_000,
      pieceCount: 2,
      pieceHashes: pieceHashes(2),
      trackers: [],
      isPrivate: false,
      webSeeds: [],
    })
  })

  it('hashes the info bytes as written, even when keys are not sorted', async () => {
    const info = concatBytes([
      encoder.encode('d4:name3:abc12:piece lengthi4e6:lengthi8e6:pieces40:'),
      pieceHashes(2),
      encoder.encode('e'),
    ])
    const bytes = concatBytes([encoder.encode('d4:info'), info, encoder.encode('8:announce5:ws://e')])
    const summary = await inspectTorrentFile(bytes)
    expect(summary.infoHash).toBe(sha1Hex(info))
    expect(summary.name).toBe('abc')
  })

  it('gives different info hashes for different info dictionaries', async () => {
    const a = await inspectTorrentFile(bencode({ info: singleFileInfo() }))
    const b = await inspectTorrentFile(bencode({ info: singleFileInfo({ name: 'other.webm' }) }))
    expect(a.infoHash).not.toBe(b.infoHash)
  })

  it('ignores keys outside info when hashing', async () => {
    const info = singleFileInfo()
    const a = await inspectTorrentFile(bencode({ info }))
    const b = await inspectTorrentFile(bencode({ info, comment: 'hello', 'creation date': 1_700_000_000 }))
    expect(a.infoHash).toBe(b.infoHash)
  })

  it('collects trackers from announce and announce-list, without duplicates', async () => {
    const bytes = bencode({
      announce: 'wss://a.example/announce',
      'announce-list': [
        ['wss://a.example/announce', 'wss://b.example/announce'],
        ['udp://c.example:80', 'wss://b.example/announce'],
        'not a tier',
        [7, 'https://d.example/announce'],
      ],
      info: singleFileInfo(),
    })
    expect((await inspectTorrentFile(bytes)).trackers).toEqual([
      'wss://a.example/announce',
      'wss://b.example/announce',
      'udp://c.example:80',
      'https://d.example/announce',
    ])
  })

  it('reads trackers from announce-list alone', async () => {
    const bytes = bencode({ 'announce-list': [['wss://b.example']], info: singleFileInfo() })
    expect((await inspectTorrentFile(bytes)).trackers).toEqual(['wss://b.example'])
  })

  it('prefers name.utf-8 and decodes names as UTF-8', async () => {
    const plain = await inspectTorrentFile(bencode({ info: singleFileInfo({ name: 'Ünïcödé 🎬.webm' }) }))
    expect(plain.name).toBe('Ünïcödé 🎬.webm')
    const both = await inspectTorrentFile(
      bencode({ info: singleFileInfo({ name: 'legacy', 'name.utf-8': 'modern' }) }),
    )
    expect(both.name).toBe('modern')
  })

  it('accepts a last piece shorter than the piece length', async () => {
    const info = singleFileInfo({ length: 16_385, pieces: pieceHashes(2) })
    expect((await inspectTorrentFile(bencode({ info }))).length).toBe(16_385)
  })

  it('parses the committed demo torrent', async () => {
    const torrentPath = fileURLToPath(new URL('../../../public/demo/demo.torrent', import.meta.url))
    const videoPath = fileURLToPath(new URL('../../../public/demo/test-pattern.webm', import.meta.url))
    const summary = await inspectTorrentFile(new Uint8Array(readFileSync(torrentPath)))
    expect(summary.name).toBe('test-pattern.webm')
    expect(summary.length).toBe(statSync(videoPath).size)
    expect(summary.infoHash).toMatch(/^[0-9a-f]{40}$/)
  })
})

describe('inspectTorrentFile: rejected files', () => {
  it('rejects empty bytes', async () => {
    await expectRejected(new Uint8Array(0), 'empty')
  })

  it('rejects input larger than MAX_TORRENT_FILE_BYTES', async () => {
    await expectRejected(new Uint8Array(MAX_TORRENT_FILE_BYTES + 1), 'too large')
  })

  it('rejects bytes that are not bencoded', async () => {
    let seed = 7
    const random = Uint8Array.from({ length: 512 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 8)
    await expectRejected(random, 'not bencoded data')
    await expectRejected(encoder.encode('<!DOCTYPE html><html></html>'), 'not bencoded data')
    const valid = bencode({ info: singleFileInfo() })
    await expectRejected(valid.subarray(0, valid.length - 1), 'not bencoded data')
  })

  it('rejects bencoded data without an info dictionary', async () => {
    await expectRejected(bencode([1, 2, 3]), 'no info dictionary')
    await expectRejected(bencode([{ info: singleFileInfo() }]), 'no info dictionary')
    await expectRejected(bencode('just a string'), 'no info dictionary')
    await expectRejected(bencode({ announce: 'wss://a.example' }), 'no info dictionary')
    await expectRejected(bencode({ info: 'not a dictionary' }), 'no info dictionary')
  })

  it('rejects an info dictionary without a name', async () => {
    await expectRejected(bencode({ info: without(singleFileInfo(), 'name') }), 'no name')
    await expectRejected(bencode({ info: singleFileInfo({ name: '' }) }), 'no name')
    await expectRejected(bencode({ info: singleFileInfo({ name: 42 }) }), 'no name')
  })

  it('rejects a missing or bad piece length', async () => {
    await expectRejected(
      bencode({ info: without(singleFileInfo(), 'piece length') }),
      'no valid piece length',
    )
    await expectRejected(bencode({ info: singleFileInfo({ 'piece length': 0 }) }), 'no valid piece length')
    await expectRejected(bencode({ info: singleFileInfo({ 'piece length': -1 }) }), 'no valid piece length')
    await expectRejected(
      bencode({ info: singleFileInfo({ 'piece length': '16384' }) }),
      'no valid piece length',
    )
  })

  it('rejects missing pieces or pieces that are not a multiple of 20 bytes', async () => {
    await expectRejected(bencode({ info: without(singleFileInfo(), 'pieces') }), 'no valid piece hashes')
    await expectRejected(
      bencode({ info: singleFileInfo({ pieces: new Uint8Array(0) }) }),
      'no valid piece hashes',
    )
    await expectRejected(
      bencode({ info: singleFileInfo({ pieces: new Uint8Array(59) }) }),
      'no valid piece hashes',
    )
    await expectRejected(
      bencode({ info: singleFileInfo({ pieces: [pieceHashes(3)] }) }),
      'no valid piece hashes',
    )
  })

  it('rejects a piece count that does not match the length', async () => {
    await expectRejected(bencode({ info: singleFileInfo({ pieces: pieceHashes(2) }) }), 'piece count')
    await expectRejected(bencode({ info: singleFileInfo({ pieces: pieceHashes(4) }) }), 'piece count')
    await expectRejected(bencode({ info: multiFileInfo({ pieces: pieceHashes(3) }) }), 'piece count')
  })

  it('rejects an info dictionary with neither length nor files', async () => {
    await expectRejected(
      bencode({ info: without(singleFileInfo(), 'length') }),
      'does not list its files correctly',
    )
    await expectRejected(bencode({ info: multiFileInfo({ files: [] }) }), 'does not list its files correctly')
    await expectRejected(
      bencode({ info: singleFileInfo({ length: -1 }) }),
      'does not list its files correctly',
    )
  })

  it('rejects a files entry without a path', async () => {
    const files: Encodable[] = [{ length: 10_000, path: ['a'] }, { length: 20_000 }]
    await expectRejected(bencode({ info: multiFileInfo({ files }) }), 'does not list its files correctly')
    const emptyPath = [{ length: 30_000, path: [] }]
    await expectRejected(
      bencode({ info: multiFileInfo({ files: emptyPath }) }),
      'does not list its files correctly',
    )
  })

  it('rejects files entries with a bad length or that are not dictionaries', async () => {
    const negative = [{ length: -5, path: ['a'] }]
    await expectRejected(
      bencode({ info: multiFileInfo({ files: negative }) }),
      'does not list its files correctly',
    )
    const missing = [{ path: ['a'] }]
    await expectRejected(
      bencode({ info: multiFileInfo({ files: missing }) }),
      'does not list its files correctly',
    )
    await expectRejected(
      bencode({ info: multiFileInfo({ files: ['a'] }) }),
      'does not list its files correctly',
    )
  })

  // Found by the fuzzer: each length was a safe integer but their sum was not, so a torrent of
  // 2^52 + 2^52 bytes was accepted with an inexact total length.
  it('rejects files whose lengths add up beyond a safe integer', async () => {
    const files = [
      { length: 2 ** 52, path: ['a'] },
      { length: 2 ** 52, path: ['b'] },
    ]
    await expectRejected(
      bencode({ info: multiFileInfo({ files, 'piece length': 2 ** 52, pieces: pieceHashes(2) }) }),
      'does not list its files correctly',
    )
  })
})

describe('private torrents and web seeds', () => {
  it('reads BEP 27’s private flag from the info dictionary only', async () => {
    const flagged = bencode({ announce: 'wss://own.example', info: singleFileInfo({ private: 1 }) })
    expect((await inspectTorrentFile(flagged)).isPrivate).toBe(true)
    const zero = bencode({ info: singleFileInfo({ private: 0 }) })
    expect((await inspectTorrentFile(zero)).isPrivate).toBe(false)
    // Outside the info dictionary the flag is not covered by the info hash: it means nothing.
    const outside = bencode({ private: 1, info: singleFileInfo() })
    expect((await inspectTorrentFile(outside)).isPrivate).toBe(false)
  })

  it('reads web seeds from url-list, as a list or a single string', async () => {
    const list = bencode({ 'url-list': ['https://a.example/', 'https://b.example/'], info: singleFileInfo() })
    expect((await inspectTorrentFile(list)).webSeeds).toEqual(['https://a.example/', 'https://b.example/'])
    const single = bencode({ 'url-list': 'https://a.example/', info: singleFileInfo() })
    expect((await inspectTorrentFile(single)).webSeeds).toEqual(['https://a.example/'])
    expect((await inspectTorrentFile(bencode({ info: singleFileInfo() }))).webSeeds).toEqual([])
  })
})

describe('withTrackers', () => {
  it('replaces the trackers and keeps the info hash and the other keys', async () => {
    const original = bencode({
      announce: 'wss://added.example',
      'announce-list': [['wss://own.example'], ['wss://added.example']],
      comment: 'kept',
      info: singleFileInfo({ private: 1 }),
      'url-list': ['https://seed.example/'],
    })
    const before = await inspectTorrentFile(original)
    const rewritten = withTrackers(original, ['wss://own.example', 'udp://own.example:1337'])
    const after = await inspectTorrentFile(rewritten)
    expect(after.infoHash).toBe(before.infoHash)
    expect(after.trackers).toEqual(['wss://own.example', 'udp://own.example:1337'])
    expect(after.webSeeds).toEqual(['https://seed.example/'])
    expect(after.isPrivate).toBe(true)
    // Canonical: keys sorted, so an independent encoder writes the very same bytes.
    expect(rewritten).toEqual(
      bencode({
        announce: 'wss://own.example',
        'announce-list': [['wss://own.example'], ['udp://own.example:1337']],
        comment: 'kept',
        info: singleFileInfo({ private: 1 }),
        'url-list': ['https://seed.example/'],
      }),
    )
  })

  it('leaves no tracker keys when there is none to keep', async () => {
    const original = bencode({ announce: 'wss://added.example', info: singleFileInfo() })
    const rewritten = withTrackers(original, [])
    expect(rewritten).toEqual(bencode({ info: singleFileInfo() }))
    expect((await inspectTorrentFile(rewritten)).trackers).toEqual([])
  })
})
