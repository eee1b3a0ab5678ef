/** What a stored tipping session must look like to be read back: it holds a key that holds money. */
import { SESSION_STATUSES, type TippingSession } from './session'

const STATUSES = new Set<string>(SESSION_STATUSES)

export function isTippingSession(value: unknown): value is TippingSession {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  const wallet = record.wallet as Record<string, unknown> | null | undefined
  return (
    typeof record.id === 'string' &&
    typeof record.status === 'string' &&
    STATUSES.has(record.status) &&
    typeof record.owner === 'string' &&
    typeof wallet?.address === 'string' &&
    typeof wallet.privateKey === 'string' &&
    Number.isSafeInteger(record.rateSunPerGB) &&
    Number.isSafeInteger(record.budgetSun)
  )
}
