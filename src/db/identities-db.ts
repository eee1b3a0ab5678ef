/**
 * This browser's tipping identity (a session key and the wallet's grant to it): one record, under
 * one key. The caller's guard decides what an identity is (src/tipping/identity.ts).
 */
import { IDENTITIES } from './database'
import { getRecord, putValue } from './records'

/** The key earlier releases used in their own database; the record moved over under it. */
const KEY = 'current'

export function putIdentity(identity: object): Promise<void> {
  return putValue(IDENTITIES, KEY, identity)
}

export function getIdentity<T>(isIdentity: (value: unknown) => value is T): Promise<T | undefined> {
  return getRecord(IDENTITIES, KEY, isIdentity)
}
