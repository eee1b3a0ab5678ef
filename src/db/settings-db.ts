/** Persisted user settings. Values read back are checked: IndexedDB content may predate this code. */
import { createStore, get, set } from 'idb-keyval'

export interface StoredSettings {
  trackers: string[] | null
  downloadLimitKBps: number | null
  uploadLimitKBps: number | null
}

const store = createStore('tipping-torrent-settings', 'settings')
const KEY = 'settings-v1'

export async function loadSettings(): Promise<StoredSettings> {
  const raw: unknown = await get(KEY, store)
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}
  return {
    trackers: isStringArray(record.trackers) ? record.trackers : null,
    downloadLimitKBps: positiveOrNull(record.downloadLimitKBps),
    uploadLimitKBps: positiveOrNull(record.uploadLimitKBps),
  }
}

export async function saveSettings(settings: StoredSettings): Promise<void> {
  await set(KEY, settings, store)
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function positiveOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null
}
