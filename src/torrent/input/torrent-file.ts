/**
 * Checks that bytes are a usable .torrent (BEP 3) and computes its info hash, so a corrupt file is
 * refused with a clear message and a duplicate is recognised before the engine is involved.
 */
import { t } from '../../i18n/translate'
import { decodeBencode, isDict, type BencodeDict, type BencodeValue } from './bencode'
import { UserFacingError } from '../../shared/errors'
import { concatBytes } from '../../shared/bytes'

/** Real .torrent files are kilobytes; a few MB covers huge multi-file torrents. */
export const MAX_TORRENT_FILE_BYTES = 8 * 1024 * 1024

export interface TorrentFileSummary {
  infoHash: string
  name: string
  length: number
  pieceCount: number
  /** The SHA-1 of every piece, 20 bytes each, in order. */
  pieceHashes: Uint8Array
  trackers: string[]
  /** BEP 27: announced only to its own trackers (no others added, no peer exchange). */
  isPrivate: boolean
  /** BEP 19 web seeds named in `url-list`. */
  webSeeds: string[]
}

const utf8 = new TextDecoder('utf-8', { fatal: false })

export async function inspectTorrentFile(bytes: Uint8Array): Promise<TorrentFileSummary> {
  if (bytes.length === 0) throw new UserFacingError(t('torrentFile.empty'))
  if (bytes.length > MAX_TORRENT_FILE_BYTES) throw new UserFacingError(t('torrentFile.tooLarge'))
  let root: BencodeValue
  let infoRange: { start: number; end: number } | undefined
  try {
    const decoded = decodeBencode(bytes)
    root = decoded.value
    infoRange = decoded.topLevelRanges.get('info')
  } catch {
    throw new UserFacingError(t('torrentFile.notBencoded'))
  }
  if (!isDict(root) || !isDict(root.info) || !infoRange) {
    throw new UserFacingError(t('torrentFile.noInfo'))
  }
  const info = root.info
  const name = text(info['name.utf-8'] ?? info.name)
  const pieceLength = info['piece length']
  const pieces = info.pieces
  if (!name) throw new UserFacingError(t('torrentFile.noName'))
  if (typeof pieceLength !== 'number' || pieceLength <= 0) {
    throw new UserFacingError(t('torrentFile.noPieceLength'))
  }
  if (!(pieces instanceof Uint8Array) || pieces.length === 0 || pieces.length % 20 !== 0) {
    throw new UserFacingError(t('torrentFile.noPieces'))
  }
  const length = totalLength(info)
  if (length === undefined) throw new UserFacingError(t('torrentFile.badFiles'))
  if (Math.ceil(length / pieceLength) !== pieces.length / 20) {
    throw new UserFacingError(t('torrentFile.inconsistent'))
  }
  const digest = await crypto.subtle.digest('SHA-1', bytes.slice(infoRange.start, infoRange.end))
  return {
    infoHash: toHex(new Uint8Array(digest)),
    name,
    length,
    pieceCount: pieces.length / 20,
    pieceHashes: pieces.slice(),
    trackers: trackersOf(root),
    isPrivate: info.private === 1,
    webSeeds: webSeedsOf(root),
  }
}

/**
 * The same .torrent announcing to `trackers` only: its info dictionary is kept byte for byte (so the
 * info hash stays), the other top-level keys too, and `announce`/`announce-list` are written anew.
 * Throws BencodeError on bytes that are not a bencoded dictionary.
 */
export function withTrackers(bytes: Uint8Array, trackers: readonly string[]): Uint8Array {
  const { value, topLevelRanges } = decodeBencode(bytes)
  if (!isDict(value)) throw new UserFacingError(t('torrentFile.noInfo'))
  const entries = new Map<string, Uint8Array>()
  for (const [key, range] of topLevelRanges) {
    if (key !== 'announce' && key !== 'announce-list')
      entries.set(key, bytes.subarray(range.start, range.end))
  }
  const first = trackers[0]
  if (first !== undefined) {
    entries.set('announce', encodeText(first))
    entries.set(
      'announce-list',
      concatBytes([
        ascii('l'),
        ...trackers.map((url) => concatBytes([ascii('l'), encodeText(url), ascii('e')])),
        ascii('e'),
      ]),
    )
  }
  // Bencoded dictionaries list their keys sorted as raw byte strings (keys here are Latin-1).
  const keys = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const parts = [ascii('d')]
  for (const key of keys) parts.push(encodeLatin1(key), entries.get(key) ?? new Uint8Array())
  parts.push(ascii('e'))
  return concatBytes(parts)
}

const utf8Encoder = new TextEncoder()

function ascii(text: string): Uint8Array {
  return utf8Encoder.encode(text)
}

function encodeText(text: string): Uint8Array {
  const bytes = utf8Encoder.encode(text)
  return concatBytes([ascii(`${bytes.length}:`), bytes])
}

function encodeLatin1(text: string): Uint8Array {
  const bytes = Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff)
  return concatBytes([ascii(`${bytes.length}:`), bytes])
}

function totalLength(info: BencodeDict): number | undefined {
  if (typeof info.length === 'number') return info.length >= 0 ? info.length : undefined
  if (!Array.isArray(info.files) || info.files.length === 0) return undefined
  let sum = 0
  for (const file of info.files) {
    if (!isDict(file) || typeof file.length !== 'number' || file.length < 0) return undefined
    if (!Array.isArray(file.path) || file.path.length === 0) return undefined
    sum += file.length
    // Each length is a safe integer, their sum may not be: a total that lost precision is no size.
    if (!Number.isSafeInteger(sum)) return undefined
  }
  return sum
}

function trackersOf(root: BencodeDict): string[] {
  const urls = new Set<string>()
  const announce = text(root.announce)
  if (announce) urls.add(announce)
  if (Array.isArray(root['announce-list'])) {
    for (const tier of root['announce-list']) {
      if (!Array.isArray(tier)) continue
      for (const url of tier) {
        const value = text(url)
        if (value) urls.add(value)
      }
    }
  }
  return [...urls]
}

function webSeedsOf(root: BencodeDict): string[] {
  const list = root['url-list']
  const values = Array.isArray(list) ? list : list === undefined ? [] : [list]
  return values.map(text).filter((url): url is string => url !== undefined && url !== '')
}

function text(value: BencodeValue | undefined): string | undefined {
  return value instanceof Uint8Array ? utf8.decode(value) : undefined
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
