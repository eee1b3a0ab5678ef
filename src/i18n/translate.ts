/** `t()`: a message of the active catalog, with its {placeholders} filled in. */
import { activeCatalog, activeLocale } from './active'
import {
  interpolate,
  type MessageKey,
  type ParamArgs,
  type ParamValue,
  type PluralBase,
  type PluralParamArgs,
} from './catalog'
import { english } from './english'
import { formatNumber } from './numbers'
import { renderStored, type StoredMessage } from './stored-message'

const pluralRules = new Map<string, Intl.PluralRules>()

function render(text: string, params: Readonly<Record<string, ParamValue>> | undefined): string {
  if (!params) return text
  const values: Record<string, string> = {}
  for (const [name, value] of Object.entries(params)) {
    values[name] = typeof value === 'number' ? formatNumber(value) : value
  }
  return interpolate(text, values)
}

/** t('add.button') -> "Add torrent"; t('torrent.stopped', { name, reason }) fills both in. */
export function t<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string {
  // A catalog chunk older than the page could lack a newer key: English beats a blank.
  const text: string | undefined = activeCatalog()[key]
  return render(text ?? english[key] ?? key, params[0])
}

/**
 * The plural form of `base` that the language uses for `count` ("1 peer", "2 peers"; French says
 * "0 pair"), with {count} formatted for the locale. Forms a catalog lacks (French "many") fall back
 * to `other`.
 */
export function tn<B extends PluralBase>(base: B, count: number, ...params: PluralParamArgs<B>): string {
  const locale = activeLocale()
  let rules = pluralRules.get(locale)
  if (!rules) {
    rules = new Intl.PluralRules(locale)
    pluralRules.set(locale, rules)
  }
  const catalog: Readonly<Record<string, string>> = activeCatalog()
  const text = catalog[`${base}.${rules.select(count)}`] ?? catalog[`${base}.other`] ?? base
  return render(text, { ...params[0], count })
}

/** A message stored in a record, in the reader's language; `formatSun` writes its amounts. */
export function tStored(message: StoredMessage, formatSun: (sun: number) => string): string {
  return renderStored(message, activeCatalog(), english, formatSun)
}
