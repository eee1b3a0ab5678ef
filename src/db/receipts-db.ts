/**
 * Receipts in IndexedDB. Every write is a 'strict' transaction: it resolves only once the browser
 * has flushed it to disk, because the payment pipeline acts on a state only after it is persisted.
 */
import { RECEIPT_STATUSES, type Receipt } from '../tron/receipt'
import { RECEIPTS, openDatabase, requestResult, transactionDone } from './database'

export async function putReceipt(receipt: Receipt): Promise<void> {
  const db = await openDatabase()
  const transaction = db.transaction(RECEIPTS, 'readwrite', { durability: 'strict' })
  transaction.objectStore(RECEIPTS).put(receipt)
  await transactionDone(transaction)
}

export async function getReceipt(id: string): Promise<Receipt | undefined> {
  const db = await openDatabase()
  const request = db.transaction(RECEIPTS, 'readonly').objectStore(RECEIPTS).get(id)
  const record: unknown = await requestResult(request)
  return isReceipt(record) ? record : undefined
}

/** All receipts, oldest first. Records that are not receipts (a damaged store) are skipped. */
export async function allReceipts(): Promise<Receipt[]> {
  const db = await openDatabase()
  const records: unknown[] = await requestResult(
    db.transaction(RECEIPTS, 'readonly').objectStore(RECEIPTS).getAll(),
  )
  return records.filter(isReceipt).sort((a, b) => a.createdAt - b.createdAt)
}

const STATUSES = new Set<string>(RECEIPT_STATUSES)

function isReceipt(value: unknown): value is Receipt {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    typeof record.id === 'string' &&
    typeof record.status === 'string' &&
    STATUSES.has(record.status) &&
    typeof record.to === 'string' &&
    typeof record.from === 'string' &&
    Number.isSafeInteger(record.amountSun) &&
    typeof record.createdAt === 'number'
  )
}
