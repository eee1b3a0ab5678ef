/**
 * Tipping sessions in IndexedDB (./records.ts): a session, and its wallet's key, is stored before it
 * is funded. The caller's guard decides what a session is (`isTippingSession` in
 * src/tipping/session-guard.ts).
 */
import { SESSIONS } from './database'
import { allRecords, putRecord } from './records'

export function putSession(session: { id: string }): Promise<void> {
  return putRecord(SESSIONS, session)
}

/** All sessions, newest first. */
export async function allSessions<T extends { createdAt: number }>(
  isSession: (value: unknown) => value is T,
): Promise<T[]> {
  return (await allRecords(SESSIONS, isSession)).sort((a, b) => b.createdAt - a.createdAt)
}
