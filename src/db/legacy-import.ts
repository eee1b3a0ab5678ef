/**
 * Earlier releases kept the library, the settings and the tipping identity in three small key-value
 * databases of their own (written with idb-keyval: one object store each, values under out-of-line
 * keys). This moves their records, under the same keys, into stores of the app's database, once.
 *
 * The move cannot ride in the schema upgrade: reading another database is asynchronous, and a
 * versionchange transaction commits as soon as it has no pending request. So it runs right after
 * the upgrade, on every open until it has happened, in this order per old database:
 * 1. read all its records; keep aside any the caller's check refuses;
 * 2. in one durable transaction, add the accepted records (a key this release has already written
 *    wins: it is newer) and a mark saying the move happened, so it never happens twice, not even
 *    after the user deleted a moved record;
 * 3. only once that committed, delete the old database, unless it holds refused records: those
 *    stay where they were, so nothing is ever lost.
 * A failure in 1 or 2 changes nothing and the next open tries again.
 */
import { requestResult, transactionDone } from './idb'

export interface LegacySource {
  /** The old database; `store` is its one object store. */
  database: string
  store: string
  /** The store of the app's database that takes its records (out-of-line keys). */
  target: string
  /** Whether a record may move; a refused one stays behind, and its database with it. */
  accepts: (key: IDBValidKey, value: unknown) => boolean
}

/** What the mark of a move records, under the old database's name. */
export interface LegacyMark {
  movedAt: number
  moved: number
  /** Records refused by the check, left in the old database (which is then not deleted). */
  kept: number
  /** Whether the old database is gone (a deletion interrupted by a closed tab is retried). */
  deleted: boolean
}

interface KeyedValue {
  key: IDBValidKey
  value: unknown
}

export async function importLegacyDatabases(
  db: IDBDatabase,
  sources: readonly LegacySource[],
  marks: string,
): Promise<void> {
  for (const source of sources) {
    try {
      const mark = (await requestResult(db.transaction(marks).objectStore(marks).get(source.database))) as
        LegacyMark | undefined
      if (mark === undefined) await move(db, source, marks)
      else if (!mark.deleted && mark.kept === 0) await deleteLegacy(db, source.database, marks, mark)
    } catch (error) {
      // The old database is untouched; the app runs on what it has, and the next open retries.
      console.warn(`Moving ${source.database} into the app's database failed`, error)
    }
  }
}

async function move(db: IDBDatabase, source: LegacySource, marks: string): Promise<void> {
  const legacy = await openIfExists(source.database)
  let records: KeyedValue[] = []
  if (legacy) {
    try {
      records = await readAll(legacy, source.store)
    } finally {
      legacy.close()
    }
  }
  const accepted = records.filter(({ key, value }) => source.accepts(key, value))
  const mark: LegacyMark = {
    movedAt: Date.now(),
    moved: accepted.length,
    kept: records.length - accepted.length,
    deleted: legacy === null,
  }
  const transaction = db.transaction([source.target, marks], 'readwrite', { durability: 'strict' })
  const done = transactionDone(transaction)
  const target = transaction.objectStore(source.target)
  const markStore = transaction.objectStore(marks)
  let wrote = false
  // Another connection (the piece writer's worker, another tab) may have moved them meanwhile.
  const existing = markStore.get(source.database)
  existing.onsuccess = () => {
    if (existing.result !== undefined) return
    wrote = true
    for (const { key, value } of accepted) {
      const add = target.add(value, key)
      add.onerror = (event) => {
        if (add.error?.name !== 'ConstraintError') return
        // Already written by this release: keep the newer record, and the transaction alive.
        event.preventDefault()
        event.stopPropagation()
      }
    }
    markStore.put(mark, source.database)
  }
  await done
  if (wrote && legacy && mark.kept === 0) await deleteLegacy(db, source.database, marks, mark)
  if (mark.kept > 0) {
    console.warn(`${mark.kept} unreadable records left in ${source.database}; it is kept as it is`)
  }
}

/** The database if it exists; null (and nothing created) if it does not. */
function openIfExists(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name)
    let absent = false
    request.onupgradeneeded = () => {
      // Opening created it: it did not exist. Aborting the upgrade removes it again.
      absent = true
      request.transaction?.abort()
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = (event) => {
      if (!absent) return reject(request.error ?? new Error(`${name} could not be opened`))
      event.preventDefault()
      resolve(null)
    }
  })
}

async function readAll(db: IDBDatabase, storeName: string): Promise<KeyedValue[]> {
  if (!db.objectStoreNames.contains(storeName)) return []
  const store = db.transaction(storeName, 'readonly').objectStore(storeName)
  // Both lists come in key order from one transaction, so they pair up index by index.
  const [keys, values] = await Promise.all([requestResult(store.getAllKeys()), requestResult(store.getAll())])
  return keys.map((key, index) => ({ key, value: values[index] as unknown }))
}

async function deleteLegacy(db: IDBDatabase, name: string, marks: string, mark: LegacyMark): Promise<void> {
  const deleted = await new Promise<boolean>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve(true)
    request.onerror = () => reject(request.error ?? new Error(`${name} could not be deleted`))
    // A tab of an earlier release still has it open: the deletion waits for that tab to close.
    // The app need not wait; the mark stays "not deleted" so a later open checks again.
    request.onblocked = () => resolve(false)
  })
  if (!deleted) return
  const transaction = db.transaction(marks, 'readwrite')
  transaction.objectStore(marks).put({ ...mark, deleted: true }, name)
  await transactionDone(transaction)
}
