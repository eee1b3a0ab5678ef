/**
 * The stored subtitle choice against Chromium's real IndexedDB (no fake): written, read back after
 * the connection is closed, kept per torrent, and a damaged record read as no choice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeDatabase, DATABASE_NAME, SETTINGS } from './database'
import { putValue } from './records'
import { forgetSubtitleChoice, loadSubtitleChoice, saveSubtitleChoice } from './subtitle-choices-db'

const HASH_A = 'a1'.repeat(20)
const HASH_B = 'b2'.repeat(20)

async function deleteDatabase(): Promise<void> {
  await closeDatabase()
  await new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DATABASE_NAME)
    request.onsuccess = resolve
    request.onerror = () => reject(request.error ?? new Error('delete failed'))
  })
}

beforeEach(deleteDatabase)
afterEach(deleteDatabase)

describe('subtitle choices', () => {
  it('keeps one choice per torrent across connections, and forgets it when asked', async () => {
    await saveSubtitleChoice(HASH_A, 'embedded:3')
    await saveSubtitleChoice(HASH_B, null)
    await closeDatabase()
    expect(await loadSubtitleChoice(HASH_A)).toBe('embedded:3')
    expect(await loadSubtitleChoice(HASH_B)).toBeNull()
    await forgetSubtitleChoice(HASH_A)
    expect(await loadSubtitleChoice(HASH_A)).toBeNull()
  })

  it('reads a damaged record as no choice', async () => {
    await putValue(SETTINGS, `subtitles:${HASH_A}`, { track: 42 })
    expect(await loadSubtitleChoice(HASH_A)).toBeNull()
  })
})
