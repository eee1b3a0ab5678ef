/**
 * The node settings record (API key, custom node), beside the other settings in the same store.
 * Kept as plain text fields; what they mean is checked by the reader.
 */
import { SETTINGS } from './database'
import { getRecord, putValue } from './records'

export interface StoredNodeSettings {
  apiKey: string | null
  fullNodeUrl: string | null
  solidityNodeUrl: string | null
}

const KEY = 'node-v1'

/** The stored record as it is (unknown shape: it may predate this code), or null. */
export async function loadNodeSettings(): Promise<unknown> {
  return getRecord(SETTINGS, KEY, (value: unknown): value is unknown => typeof value === 'object')
}

export async function saveNodeSettings(settings: StoredNodeSettings): Promise<void> {
  await putValue(SETTINGS, KEY, settings)
}
