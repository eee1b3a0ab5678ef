/**
 * What the "Magnet link, info hash or torrent URL" box accepts, decided before anything reaches
 * WebTorrent so that bad input gets a precise message instead of a generic engine error.
 */
import { t } from '../../i18n/translate'
import { UserFacingError } from '../../shared/errors'

export type TorrentInput =
  | { kind: 'magnet'; magnet: string; infoHash: string; trackers: string[]; webSeeds: string[] }
  | { kind: 'info-hash'; infoHash: string }
  | { kind: 'url'; url: string }

const HEX_INFO_HASH = /^[0-9a-f]{40}$/i
const BASE32_INFO_HASH = /^[a-z2-7]{32}$/i
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
/** Longer than any real magnet; refuses pasted garbage before it is parsed. */
export const MAX_INPUT_LENGTH = 8192

export function parseTorrentInput(text: string): TorrentInput {
  const trimmed = text.trim()
  if (trimmed === '') throw new UserFacingError(t('input.empty'))
  if (trimmed.length > MAX_INPUT_LENGTH) throw new UserFacingError(t('input.tooLong'))

  if (/^magnet:/i.test(trimmed)) return parseMagnet(trimmed)
  if (HEX_INFO_HASH.test(trimmed) || BASE32_INFO_HASH.test(trimmed)) {
    return { kind: 'info-hash', infoHash: normalizeInfoHash(trimmed) }
  }
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      return { kind: 'url', url: new URL(trimmed).href }
    } catch {
      throw new UserFacingError(t('input.badUrl'))
    }
  }
  throw new UserFacingError(t('input.unknown'))
}

function parseMagnet(magnet: string): TorrentInput {
  const query = magnet.slice(magnet.indexOf('?') + 1)
  if (!magnet.includes('?')) throw new UserFacingError(t('input.noParams'))
  const params = new URLSearchParams(query)
  const topics = params.getAll('xt')
  let infoHash: string | undefined
  for (const topic of topics) {
    const match = /^urn:btih:(.+)$/i.exec(topic)
    const candidate = match?.[1]
    if (candidate && (HEX_INFO_HASH.test(candidate) || BASE32_INFO_HASH.test(candidate))) {
      infoHash = normalizeInfoHash(candidate)
      break
    }
  }
  if (!infoHash) {
    throw new UserFacingError(topics.length === 0 ? t('input.noXt') : t('input.badHash'))
  }
  const trackers = params.getAll('tr').filter(isTrackerUrl)
  // BEP 19 in a magnet: `ws=` names an HTTP copy of the content.
  const webSeeds = params.getAll('ws').filter(isHttpUrl)
  return { kind: 'magnet', magnet, infoHash, trackers, webSeeds }
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

function isTrackerUrl(value: string): boolean {
  try {
    return ['ws:', 'wss:', 'http:', 'https:', 'udp:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

/** Lower-case hex, whichever of the two encodings the magnet used. */
export function normalizeInfoHash(hash: string): string {
  if (HEX_INFO_HASH.test(hash)) return hash.toLowerCase()
  let bits = 0
  let value = 0
  let hex = ''
  for (const char of hash.toUpperCase()) {
    value = (value << 5) | BASE32_ALPHABET.indexOf(char)
    bits += 5
    while (bits >= 4) {
      bits -= 4
      hex += ((value >> bits) & 0xf).toString(16)
    }
  }
  return hex
}

/** A magnet link for an info hash, with trackers so that the receiver can find the swarm. */
export function magnetFor(infoHash: string, name: string | undefined, trackers: readonly string[]): string {
  const parts = [`xt=urn:btih:${infoHash}`]
  if (name) parts.push(`dn=${encodeURIComponent(name)}`)
  for (const tracker of trackers) parts.push(`tr=${encodeURIComponent(tracker)}`)
  return `magnet:?${parts.join('&')}`
}
