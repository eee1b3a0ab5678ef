/** Human-readable sizes, speeds and durations for the torrent list, in the active language. */
import { formatFixed } from '../i18n/numbers'
import { t } from '../i18n/translate'

const UNITS = ['unit.B', 'unit.kB', 'unit.MB', 'unit.GB', 'unit.TB'] as const

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–'
  let value = bytes
  let unit = 0
  // 999.5 rather than 1000: anything that would round to "1000" moves up a unit ("1.00 MB", not "1000 kB").
  while (value >= 999.5 && unit < UNITS.length - 1) {
    value /= 1000
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2
  return t('format.size', { value: formatFixed(value, digits), unit: t(UNITS[unit] ?? 'unit.TB') })
}

export function formatSpeed(bytesPerSecond: number): string {
  return t('format.speed', { size: formatBytes(bytesPerSecond) })
}

/** Time left, coarse on purpose: "3 h 5 min" is useful, "3 h 5 min 12 s" is noise. */
export function formatDuration(milliseconds: number): string {
  if (!Number.isFinite(milliseconds) || milliseconds < 0) return '–'
  const seconds = Math.round(milliseconds / 1000)
  if (seconds < 60) return t('duration.s', { s: seconds })
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return t('duration.ms', { m: minutes, s: seconds % 60 })
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return t('duration.hm', { h: hours, m: minutes % 60 })
  const days = Math.floor(hours / 24)
  return days > 99 ? t('duration.long', { days: 99 }) : t('duration.dh', { d: days, h: hours % 24 })
}

/** Whole percent for aria-valuenow, never showing 100 until it really is done. */
export function percentOf(fraction: number): number {
  if (!Number.isFinite(fraction) || fraction <= 0) return 0
  if (fraction >= 1) return 100
  // The epsilon absorbs float error: 0.29 * 100 is 28.999999999999996, which must read 29.
  return Math.min(99, Math.floor(fraction * 100 + 1e-9))
}
