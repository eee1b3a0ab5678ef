/**
 * Messages kept in stored records (a receipt's error, a session's note) as a catalog key with its
 * parameters, so that each reader sees them in their own language and exports stay English.
 * Records written before this format hold a sentence in whatever language was active: `fromLegacy`
 * recognises it in any catalog (parameters included) or keeps it as it is, under 'legacy'.
 */
import { interpolate, type Catalog, type MessageKey } from './catalog'

export type StoredMessage =
  | { code: MessageKey; params: Readonly<Record<string, string | number>> }
  /** A sentence from an older release that matches no known message: shown as it was written. */
  | { code: 'legacy'; params: { text: string } }

/** The keys whose sentences today's and earlier releases stored in receipts and sessions. */
export const STORED_MESSAGE_KEYS = [
  'receipt.interrupted',
  'receipt.failedOnChain',
  'receipt.expired',
  'tip.nodeRetrying',
  'tip.refused',
  'tip.otherTransaction',
  'tip.rawDataMismatch',
  'session.notFunded',
  'session.returned',
  'session.nothingLeft',
  'walletError.notInstalled',
  'walletError.locked',
  'walletError.connectionDeclined',
  'walletError.declined',
  'walletError.pending',
  'walletError.disconnected',
  'walletError.unreachable',
  'walletError.unreachableAt',
  'walletError.unexpected',
] as const satisfies readonly MessageKey[]

/** A stored message of today: numeric parameters are amounts in sun, formatted when shown. */
export function stored<K extends MessageKey>(
  code: K,
  params: Readonly<Record<string, string | number>> = {},
): StoredMessage {
  return { code, params: { ...params } }
}

/**
 * The message in `catalog`'s language (English when the catalog lacks the key); `formatSun` writes
 * the numeric parameters, which are amounts in sun.
 */
export function renderStored(
  message: StoredMessage,
  catalog: Partial<Catalog>,
  fallback: Catalog,
  formatSun: (sun: number) => string = String,
): string {
  if (message.code === 'legacy') return message.params.text
  const values: Record<string, string> = {}
  for (const [name, value] of Object.entries(message.params))
    values[name] = typeof value === 'number' ? formatSun(value) : value
  return interpolate(catalog[message.code] ?? fallback[message.code], values)
}

const PLACEHOLDER = /\{(\w+)\}/g

function templatePattern(template: string): RegExp {
  let source = ''
  let last = 0
  for (const match of template.matchAll(PLACEHOLDER)) {
    source += escapeRegExp(template.slice(last, match.index)) + `(?<${match[1]}>.+?)`
    last = match.index + match[0].length
  }
  return new RegExp(`^${source}${escapeRegExp(template.slice(last))}$`, 's')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Pure: the stored message a legacy sentence was made from, found by matching it against every
 * template of `keys` in every catalog given (with the placeholders' values extracted as written),
 * else the sentence itself as 'legacy'.
 */
export function fromLegacy(
  text: string,
  catalogs: readonly Catalog[],
  keys: readonly MessageKey[] = STORED_MESSAGE_KEYS,
): StoredMessage {
  for (const catalog of catalogs) {
    for (const key of keys) {
      const match = templatePattern(catalog[key]).exec(text)
      if (match) return { code: key, params: { ...match.groups } }
    }
  }
  return { code: 'legacy', params: { text } }
}

/** A stored message as records hold it today, or null for anything else. */
export function isStoredMessage(value: unknown): value is StoredMessage {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return typeof record.code === 'string' && typeof record.params === 'object' && record.params !== null
}
