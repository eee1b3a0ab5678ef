/**
 * The library: every torrent the user has, persisted so that a reload brings it back. Records read
 * back are validated, because IndexedDB content may come from an older version of the app.
 */
import { isStrings } from '../shared/guards'
import { LIBRARY } from './database'
import { allValues, clearValues, deleteValue, putValue } from './records'

export interface LibraryEntry {
  infoHash: string
  name: string
  /** The magnet that added it (always present, so a torrent without metadata can be re-added). */
  magnet: string
  /** The .torrent bytes, once the metadata is known. */
  torrentFile: Uint8Array | null
  addedAt: number
  paused: boolean
  done: boolean
  trackers: string[]
  webSeeds: string[]
  /** Indices of files the user chose not to download. */
  unwantedFiles: number[]
}

export async function loadLibrary(): Promise<LibraryEntry[]> {
  const records = await allValues(LIBRARY)
  return records
    .map(upgradeEntry)
    .filter(isLibraryEntry)
    .sort((a, b) => a.addedAt - b.addedAt)
}

export async function saveEntry(entry: LibraryEntry): Promise<void> {
  await putValue(LIBRARY, entry.infoHash, entry)
}

export async function deleteEntry(infoHash: string): Promise<void> {
  await deleteValue(LIBRARY, infoHash)
}

export async function deleteAllEntries(): Promise<void> {
  await clearValues(LIBRARY)
}

/** Entries saved before file selection existed have every file wanted. */
function upgradeEntry(record: unknown): unknown {
  if (typeof record !== 'object' || record === null || 'unwantedFiles' in record) return record
  return { ...record, unwantedFiles: [] }
}

function isLibraryEntry(value: unknown): value is LibraryEntry {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return (
    typeof entry.infoHash === 'string' &&
    /^[0-9a-f]{40}$/.test(entry.infoHash) &&
    typeof entry.name === 'string' &&
    typeof entry.magnet === 'string' &&
    (entry.torrentFile === null || entry.torrentFile instanceof Uint8Array) &&
    typeof entry.addedAt === 'number' &&
    typeof entry.paused === 'boolean' &&
    typeof entry.done === 'boolean' &&
    isStrings(entry.trackers) &&
    isStrings(entry.webSeeds) &&
    Array.isArray(entry.unwantedFiles) &&
    entry.unwantedFiles.every((index) => Number.isInteger(index) && index >= 0)
  )
}
