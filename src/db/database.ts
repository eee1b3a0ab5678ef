/**
 * The app's one IndexedDB database: every piece of app data lives here, in one store per kind of
 * record. Versioned: each entry of MIGRATIONS upgrades the schema by one version, and no upgrade
 * drops data. (localStorage holds only UI preferences: see the README, "What is stored where".)
 *
 * The name stays the one the first release chose: the piece data already stored under it (the
 * largest data by far) then needs no copying, only the three small databases of earlier releases
 * are moved in (./legacy-import.ts).
 */
import { requestResult } from './idb'
import type { LegacyMark, LegacySource } from './legacy-import'

export { requestResult, transactionDone } from './idb'

export const DATABASE_NAME = 'tipping-torrent'

/** Verified piece data: key [infoHash, pieceIndex], value the piece's bytes. */
export const CHUNKS = 'chunks'

/** Payment receipts, keyed by their `id`. */
export const RECEIPTS = 'receipts'

/** Tipping sessions, keyed by `id`: each holds its session wallet's key. */
export const SESSIONS = 'sessions'

/** Tips other peers paid this browser, checked on chain, keyed by `txId`. */
export const TIPS_RECEIVED = 'tips-received'

/** The library: every torrent the user has, keyed by info hash (./library-db.ts). */
export const LIBRARY = 'library'

/** User settings, one record under a versioned key (./settings-db.ts). */
export const SETTINGS = 'settings'

/** This browser's tipping identity (session key and grant), one record (./identities-db.ts). */
export const IDENTITIES = 'identities'

/** Which databases of earlier releases were moved in, keyed by their name (./legacy-import.ts). */
export const LEGACY_IMPORTS = 'legacy-imports'

type Migration = (db: IDBDatabase) => void

const MIGRATIONS: readonly Migration[] = [
  (db) => {
    db.createObjectStore(CHUNKS)
  },
  (db) => {
    db.createObjectStore(RECEIPTS, { keyPath: 'id' })
  },
  (db) => {
    db.createObjectStore(SESSIONS, { keyPath: 'id' })
    db.createObjectStore(TIPS_RECEIVED, { keyPath: 'txId' })
  },
  // Out-of-line keys, as in the databases these records come from: they move over unchanged.
  (db) => {
    db.createObjectStore(LIBRARY)
    db.createObjectStore(SETTINGS)
    db.createObjectStore(IDENTITIES)
    db.createObjectStore(LEGACY_IMPORTS)
  },
]

export const DATABASE_VERSION = MIGRATIONS.length

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

/** The databases earlier releases wrote next to this one (one object store each). */
const LEGACY_SOURCES: readonly LegacySource[] = [
  {
    database: 'tipping-torrent-library',
    store: 'torrents',
    target: LIBRARY,
    accepts: (key, value) => isObject(value) && value.infoHash === key,
  },
  {
    database: 'tipping-torrent-settings',
    store: 'settings',
    target: SETTINGS,
    accepts: (key, value) => typeof key === 'string' && isObject(value),
  },
  {
    database: 'tipping-torrent-session',
    store: 'identity',
    target: IDENTITIES,
    accepts: (key, value) => typeof key === 'string' && isObject(value),
  },
]

let opening: Promise<IDBDatabase> | null = null

/**
 * The shared connection, opened (and upgraded) on first use. It resolves once the databases of
 * earlier releases are moved in, so no reader sees the library or settings half there.
 */
export function openDatabase(): Promise<IDBDatabase> {
  opening ??= open().then(async (db) => {
    if (await legacyWorkLeft(db)) {
      // Loaded only while there is something to move: every later visit skips its code.
      const { importLegacyDatabases } = await import('./legacy-import')
      await importLegacyDatabases(db, LEGACY_SOURCES, LEGACY_IMPORTS)
    }
    return db
  })
  opening.catch(() => {
    opening = null
  })
  return opening
}

/** Whether an old database is not yet moved in, or moved but not yet deleted. */
async function legacyWorkLeft(db: IDBDatabase): Promise<boolean> {
  const store = db.transaction(LEGACY_IMPORTS).objectStore(LEGACY_IMPORTS)
  const marks = (await requestResult(store.getAll())) as LegacyMark[]
  const settled = marks.filter((mark) => mark.deleted || mark.kept > 0).length
  return settled < LEGACY_SOURCES.length
}

/** Closes the shared connection; the next `openDatabase()` opens a new one. */
export async function closeDatabase(): Promise<void> {
  const current = opening
  opening = null
  if (current) (await current.catch(() => null))?.close()
}

function open(): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE_NAME, DATABASE_VERSION)
    request.onupgradeneeded = (event) => {
      for (let version = event.oldVersion; version < DATABASE_VERSION; version++)
        MIGRATIONS[version]?.(request.result)
    }
    request.onsuccess = () => {
      const db = request.result
      // Another tab upgrading the schema needs this connection out of the way.
      db.onversionchange = () => {
        db.close()
        opening = null
      }
      resolve(db)
    }
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'))
    request.onblocked = () =>
      reject(new Error('IndexedDB upgrade is blocked by another open tab of this app'))
  })
}
