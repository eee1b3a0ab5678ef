/**
 * Numbers, percentages and dates in the active language, through Intl. Formatters are cached: the
 * torrent list formats a dozen figures per torrent four times a second.
 */
import { activeLocale } from './active'

const numberFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** One formatter per language and options, made on first use. */
function cachedFormat<Format>(
  cache: Map<string, Format>,
  options: object,
  create: (locale: string) => Format,
): Format {
  const locale = activeLocale()
  const key = `${locale}|${JSON.stringify(options)}`
  let format = cache.get(key)
  if (!format) {
    format = create(locale)
    cache.set(key, format)
  }
  return format
}

function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cachedFormat(numberFormats, options, (locale) => new Intl.NumberFormat(locale, options))
}

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cachedFormat(dateFormats, options, (locale) => new Intl.DateTimeFormat(locale, options))
}

/** 12345.5 -> "12,345.5" (en), "12 345,5" (fr), "12.345,5" (de). */
export function formatNumber(value: number): string {
  return numberFormat({ maximumFractionDigits: 20 }).format(value)
}

/** Exactly `digits` decimals, rounded: sizes read "1.50 kB", not "1.5 kB". */
export function formatFixed(value: number, digits: number): string {
  return numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)
}

/** 42 -> "42%" (en), "42 %" (fr, de). `value` is already a percentage (0-100). */
export function formatPercent(value: number, digits = 0): string {
  return numberFormat({
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value / 100)
}

function partOf(type: Intl.NumberFormatPartTypes, sample: number, fallback: string): string {
  return (
    numberFormat()
      .formatToParts(sample)
      .find((part) => part.type === type)?.value ?? fallback
  )
}

/** "." (en) or "," (fr, de). */
export function decimalSeparator(): string {
  return partOf('decimal', 1.5, '.')
}

/** The locale's minus sign (some locales use U+2212 rather than a hyphen). */
export function minusSign(): string {
  return partOf('minusSign', -1, '-')
}

/** Date and time to the second, as the locale writes them. */
export function formatDateTime(epochMs: number): string {
  return dateFormat({
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).format(epochMs)
}

/** Time of day to the second. */
export function formatTime(epochMs: number): string {
  return dateFormat({ hour: 'numeric', minute: 'numeric', second: 'numeric' }).format(epochMs)
}

/** A calendar day, as the locale writes it ("Mar 5, 2026", "5 mars 2026"). */
export function formatDay(epochMs: number): string {
  return dateFormat({ year: 'numeric', month: 'short', day: 'numeric' }).format(epochMs)
}

/** A calendar day without the year, for axis labels ("Mar 5", "5 mars"). */
export function formatShortDay(epochMs: number): string {
  return dateFormat({ month: 'short', day: 'numeric' }).format(epochMs)
}
