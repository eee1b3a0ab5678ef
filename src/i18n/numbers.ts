/**
 * Numbers, percentages and dates in the active language, through Intl. Formatters are cached: the
 * torrent list formats a dozen figures per torrent four times a second.
 */
import { activeLocale } from './active'

const numberFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()

function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const locale = activeLocale()
  const key = `${locale}|${JSON.stringify(options)}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, options)
    numberFormats.set(key, format)
  }
  return format
}

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = activeLocale()
  const key = `${locale}|${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options)
    dateFormats.set(key, format)
  }
  return format
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
