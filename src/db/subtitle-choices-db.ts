/**
 * The subtitle track chosen for each torrent, kept beside the settings (one small record per torrent
 * under its own key) so that a reload shows the same track. A track is named by an opaque id.
 */
import { SETTINGS } from './database'
import { deleteValue, getRecord, putValue } from './records'

interface StoredChoice {
  track: string | null
}

const key = (infoHash: string) => `subtitles:${infoHash}`

/** The track id chosen for the torrent, null for "Off", or null when none was ever chosen. */
export async function loadSubtitleChoice(infoHash: string): Promise<string | null> {
  return (await getRecord(SETTINGS, key(infoHash), isStoredChoice))?.track ?? null
}

export async function saveSubtitleChoice(infoHash: string, track: string | null): Promise<void> {
  await putValue(SETTINGS, key(infoHash), { track } satisfies StoredChoice)
}

export async function forgetSubtitleChoice(infoHash: string): Promise<void> {
  await deleteValue(SETTINGS, key(infoHash))
}

function isStoredChoice(value: unknown): value is StoredChoice {
  if (typeof value !== 'object' || value === null) return false
  const track = (value as Record<string, unknown>).track
  return track === null || (typeof track === 'string' && track.length <= 100)
}
