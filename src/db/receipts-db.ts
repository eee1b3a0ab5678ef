/**
 * Receipts in IndexedDB, written durably before the payment step that depends on them (./records.ts).
 * The caller's guard decides what a receipt is (`isReceipt` in src/tron/receipt-guard.ts).
 */
import { RECEIPTS } from './database'
import { allRecords, getRecord, putRecord } from './records'

export function putReceipt(receipt: { id: string }): Promise<void> {
  return putRecord(RECEIPTS, receipt)
}

export function getReceipt<T>(id: string, isReceipt: (value: unknown) => value is T): Promise<T | undefined> {
  return getRecord(RECEIPTS, id, isReceipt)
}

/** All receipts, oldest first. Records that fail `isReceipt` (a damaged store) are skipped. */
export async function allReceipts<T extends { createdAt: number }>(
  isReceipt: (value: unknown) => value is T,
): Promise<T[]> {
  return (await allRecords(RECEIPTS, isReceipt)).sort((a, b) => a.createdAt - b.createdAt)
}
