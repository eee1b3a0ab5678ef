/** Tipping sessions in IndexedDB (./records.ts): a session, and its wallet's key, is stored before it is funded. */
import { SESSION_STATUSES, type TippingSession } from '../tipping/session'
import { SESSIONS } from './database'
import { allRecords, putRecord } from './records'

export function putSession(session: TippingSession): Promise<void> {
  return putRecord(SESSIONS, session)
}

/** All sessions, newest first. */
export async function allSessions(): Promise<TippingSession[]> {
  return (await allRecords(SESSIONS, isSession)).sort((a, b) => b.createdAt - a.createdAt)
}

const STATUSES = new Set<string>(SESSION_STATUSES)

function isSession(value: unknown): value is TippingSession {
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
