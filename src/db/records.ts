/**
 * Records in object stores of the app's database. Records carry no type here: the caller passes
 * the check that reads them back (its domain's own guard), and reads skip records that fail it (a
 * damaged or older store) rather than hand bad data to money code.
 *
 * Stores keyed by a field of the record (receipts, sessions, tips received) use putRecord: every
 * such write is a 'strict' transaction that resolves only once the browser has flushed it to disk,
 * because the payment code acts on a state only after it is persisted. Stores with out-of-line
 * keys (library, settings, identity) use putValue, with the browser's default durability: they are
 * rewritten often and a lost last write costs no money.
 */
import { openDatabase, requestResult, transactionDone } from './database'

export async function putRecord(storeName: string, record: object): Promise<void> {
  const db = await openDatabase()
  const transaction = db.transaction(storeName, 'readwrite', { durability: 'strict' })
  transaction.objectStore(storeName).put(record)
  await transactionDone(transaction)
}

export async function getRecord<T>(
  storeName: string,
  key: IDBValidKey,
  isValid: (value: unknown) => value is T,
): Promise<T | undefined> {
  const db = await openDatabase()
  const record: unknown = await requestResult(
    db.transaction(storeName, 'readonly').objectStore(storeName).get(key),
  )
  return isValid(record) ? record : undefined
}

export async function allRecords<T>(
  storeName: string,
  isValid: (value: unknown) => value is T,
): Promise<T[]> {
  return (await allValues(storeName)).filter(isValid)
}

/** Every record of a store, unchecked: for callers that upgrade older shapes before checking. */
export async function allValues(storeName: string): Promise<unknown[]> {
  const db = await openDatabase()
  return requestResult(db.transaction(storeName, 'readonly').objectStore(storeName).getAll())
}

export async function putValue(storeName: string, key: IDBValidKey, value: object): Promise<void> {
  await write(storeName, (store) => store.put(value, key))
}

export async function deleteValue(storeName: string, key: IDBValidKey): Promise<void> {
  await write(storeName, (store) => store.delete(key))
}

export async function clearValues(storeName: string): Promise<void> {
  await write(storeName, (store) => store.clear())
}

async function write(storeName: string, change: (store: IDBObjectStore) => void): Promise<void> {
  const db = await openDatabase()
  const transaction = db.transaction(storeName, 'readwrite')
  change(transaction.objectStore(storeName))
  await transactionDone(transaction)
}
