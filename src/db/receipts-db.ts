/** Receipts in IndexedDB, written durably before the payment step that depends on them (./records.ts). */
import { RECEIPT_STATUSES, type Receipt } from '../tron/receipt'
import { RECEIPTS } from './database'
import { allRecords, getRecord, putRecord } from './records'

export function putReceipt(receipt: Receipt): Promise<void> {
  return putRecord(RECEIPTS, receipt)
}

export function getReceipt(id: string): Promise<Receipt | undefined> {
  return getRecord(RECEIPTS, id, isReceipt)
}

/** All receipts, oldest first. Records that are not receipts (a damaged store) are skipped. */
export async function allReceipts(): Promise<Receipt[]> {
  return (await allRecords(RECEIPTS, isReceipt)).sort((a, b) => a.createdAt - b.createdAt)
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
