/**
 * Small records in an object store of the app's database (receipts, sessions, tips received). Every
 * write is a 'strict' transaction: it resolves only once the browser has flushed it to disk, because
 * the payment code acts on a state only after it is persisted. Reads skip records that fail the
 * caller's check (a damaged or older store), rather than handing bad data to money code.
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
  key: string,
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
  const db = await openDatabase()
  const records: unknown[] = await requestResult(
    db.transaction(storeName, 'readonly').objectStore(storeName).getAll(),
  )
  return records.filter(isValid)
}
