/**
 * The app's IndexedDB database: one per origin, versioned. Each entry of MIGRATIONS upgrades the
 * schema by one version; existing data is never dropped by an upgrade.
 */
export const DATABASE_NAME = 'tipping-torrent'

/** Verified piece data: key [infoHash, pieceIndex], value the piece's bytes. */
export const CHUNKS = 'chunks'

/** Payment receipts (src/tron/receipt.ts), keyed by their intent id. */
export const RECEIPTS = 'receipts'

/** Tipping sessions (src/tipping/session.ts), keyed by id: each holds its session wallet's key. */
export const SESSIONS = 'sessions'

/** Tips other peers paid this browser, checked on chain, keyed by txID (src/tipping/received.ts). */
export const TIPS_RECEIVED = 'tips-received'

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
]

export const DATABASE_VERSION = MIGRATIONS.length

let opening: Promise<IDBDatabase> | null = null

/** The shared connection, opened (and upgraded) on first use. */
export function openDatabase(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
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
  opening.catch(() => {
    opening = null
  })
  return opening
}

/** Resolves when the transaction commits, rejects with its error (QuotaExceededError among them). */
export function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve()
    transaction.onabort = () =>
      reject(transaction.error ?? new DOMException('Transaction aborted', 'AbortError'))
    transaction.onerror = () =>
      reject(transaction.error ?? new DOMException('Transaction failed', 'UnknownError'))
  })
}

export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'))
  })
}
