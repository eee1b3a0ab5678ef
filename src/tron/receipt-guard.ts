/** What a stored receipt must look like to be read back: IndexedDB content may be damaged or older. */
import { RECEIPT_STATUSES, type Receipt } from './receipt'

const STATUSES = new Set<string>(RECEIPT_STATUSES)

export function isReceipt(value: unknown): value is Receipt {
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
