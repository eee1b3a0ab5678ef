/** Persisted user settings. Values read back are checked: IndexedDB content may predate this code. */
import { isStrings } from '../shared/guards'
import { SETTINGS } from './database'
import { getRecord, putValue } from './records'

export interface StoredSettings {
  trackers: string[] | null
  downloadLimitKBps: number | null
  uploadLimitKBps: number | null
  /** The largest budget a tipping session may be funded with, in sun; null (or absent) for the default. */
  maxSessionBudgetSun?: number | null
  /** Minimum sun per GB sent that a peer must pay to be served first; null for the default. */
  priorityRateSunPerGB: number | null
}

const KEY = 'settings-v1'

export async function loadSettings(): Promise<StoredSettings> {
  const raw = await getRecord(SETTINGS, KEY, isObject)
  const record = raw ?? {}
  return {
    trackers: isStrings(record.trackers) ? record.trackers : null,
    downloadLimitKBps: positiveOrNull(record.downloadLimitKBps),
    uploadLimitKBps: positiveOrNull(record.uploadLimitKBps),
    maxSessionBudgetSun: wholePositiveOrNull(record.maxSessionBudgetSun),
    priorityRateSunPerGB: wholePositiveOrNull(record.priorityRateSunPerGB),
  }
}

export async function saveSettings(settings: StoredSettings): Promise<void> {
  await putValue(SETTINGS, KEY, settings)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function wholePositiveOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null
}

function positiveOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null
}
