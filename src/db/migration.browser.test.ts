/**
 * The upgrade from the release that kept four databases, against Chromium's real IndexedDB (no
 * fake). Each test first writes data the way that release wrote it: the app database at schema
 * version 3 (chunks, receipts, sessions, tips-received) and three idb-keyval databases (opened with
 * no version, one object store created on upgrade, values put under out-of-line keys), with that
 * release's record shapes, literal here so that later changes to the domain types cannot soften
 * the test. Then it opens the database through this release's code and reads through its readers.
 * The shared connection is closed and every database deleted between tests.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isTippingIdentity, loadIdentity } from '../tipping/identity'
import { isSession } from '../tipping/session'
import { isReceipt } from '../tron/receipt'
import {
  CHUNKS,
  closeDatabase,
  DATABASE_NAME,
  LEGACY_IMPORTS,
  LIBRARY,
  RECEIPTS,
  SESSIONS,
  openDatabase,
  requestResult,
  TIPS_RECEIVED,
} from './database'
import { deleteEntry, loadLibrary } from './library-db'
import { allRecords, allValues } from './records'
import { loadSettings } from './settings-db'

const OLD = {
  library: { database: 'tipping-torrent-library', store: 'torrents' },
  settings: { database: 'tipping-torrent-settings', store: 'settings' },
  identity: { database: 'tipping-torrent-session', store: 'identity' },
} as const

const HASH_A = 'a1'.repeat(20)
const HASH_B = 'b2'.repeat(20)
const OWNER = 'TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC'
const PEER = 'TQKLs3GzCNLjzyCvaPWSrqcpUGUhadxm7P'
const SESSION_KEY_ADDRESS = 'TJRabPrwbZy45sbavfcjinPJC18kjpRTv8'

/** A library entry as the previous release saved it every 2 s: with its bitfield. */
const entryWithBitfield = {
  infoHash: HASH_A,
  name: 'Sample video',
  magnet: `magnet:?xt=urn:btih:${HASH_A}&dn=Sample+video`,
  torrentFile: Uint8Array.from([100, 52, 58, 105, 110, 102, 111]),
  addedAt: 1_764_000_000_000,
  paused: false,
  done: false,
  bitfield: Uint8Array.from([0b1110_0000]),
  trackers: ['ws://127.0.0.1:8000'],
  webSeeds: [],
  unwantedFiles: [1],
}

/** The same, as a release without the bitfield writes it: the move must not care. */
const entryWithoutBitfield = {
  infoHash: HASH_B,
  name: 'Second',
  magnet: `magnet:?xt=urn:btih:${HASH_B}`,
  torrentFile: null,
  addedAt: 1_764_000_100_000,
  paused: true,
  done: true,
  trackers: [],
  webSeeds: ['http://127.0.0.1:9000/second'],
  unwantedFiles: [],
}

const settings = { trackers: ['wss://tracker.example'], downloadLimitKBps: 500, uploadLimitKBps: null }

const identity = {
  address: OWNER,
  chainId: '0xde7e7e70',
  session: { address: SESSION_KEY_ADDRESS, privateKey: '11'.repeat(32) },
  proof: { expires: 1_764_086_400_000, grant: `0x${'ab'.repeat(65)}` },
}

const confirmedReceipt = {
  id: 'receipt-1',
  createdAt: 1_764_000_200_000,
  updatedAt: 1_764_000_230_000,
  status: 'confirmed',
  networkId: 'devnet',
  chainId: '0xde7e7e70',
  nodeUrl: 'http://127.0.0.1:8090',
  from: OWNER,
  to: PEER,
  amountSun: 1_500_000,
  torrent: { infoHash: HASH_A, name: 'Sample video' },
  peer: null,
  txId: 'cd'.repeat(32),
  signedTransaction: null,
  expiration: 1_764_000_260_000,
  feeSun: 268_000,
  blockNumber: 42,
  error: null,
}

const failedReceipt = {
  ...confirmedReceipt,
  id: 'receipt-2',
  createdAt: 1_764_000_300_000,
  status: 'failed',
  txId: null,
  expiration: null,
  feeSun: null,
  blockNumber: null,
  error: 'The wallet declined.',
}

const session = {
  id: 'session-1',
  createdAt: 1_764_000_400_000,
  updatedAt: 1_764_000_410_000,
  status: 'active',
  networkId: 'devnet',
  chainId: '0xde7e7e70',
  nodeUrl: 'http://127.0.0.1:8090',
  owner: OWNER,
  wallet: { address: SESSION_KEY_ADDRESS, privateKey: '22'.repeat(32) },
  rateSunPerGB: 100_000_000,
  budgetSun: 10_000_000,
  fundingTxId: 'ef'.repeat(32),
  note: null,
}

const receivedTip = {
  txId: '01'.repeat(32),
  at: 1_764_000_500_000,
  chainId: '0xde7e7e70',
  infoHash: HASH_A,
  peerId: '2d5757303230302d'.padEnd(40, '0'),
  from: PEER,
  amountSun: 2_000_000,
}

const piece = Uint8Array.from({ length: 64 }, (_, i) => i)

function promised<T>(request: IDBRequest<T> | IDBOpenDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T)
    request.onerror = () => reject(request.error ?? new Error('request failed'))
  })
}

function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve()
    transaction.onabort = transaction.onerror = () => reject(transaction.error ?? new Error('aborted'))
  })
}

/** What idb-keyval's createStore(database, store) followed by set(key, value) did. */
async function writeKeyval(
  where: { database: string; store: string },
  records: [IDBValidKey, unknown][],
): Promise<void> {
  const request = indexedDB.open(where.database)
  request.onupgradeneeded = () => request.result.createObjectStore(where.store)
  const db = await promised(request)
  const transaction = db.transaction(where.store, 'readwrite')
  for (const [key, value] of records) transaction.objectStore(where.store).put(value, key)
  await committed(transaction)
  db.close()
}

/** The app database at schema version 3, as the previous release's MIGRATIONS left it. */
async function writeVersion3(): Promise<void> {
  const request = indexedDB.open(DATABASE_NAME, 3)
  request.onupgradeneeded = () => {
    const db = request.result
    db.createObjectStore('chunks')
    db.createObjectStore('receipts', { keyPath: 'id' })
    db.createObjectStore('sessions', { keyPath: 'id' })
    db.createObjectStore('tips-received', { keyPath: 'txId' })
  }
  const db = await promised(request)
  const transaction = db.transaction(['chunks', 'receipts', 'sessions', 'tips-received'], 'readwrite')
  transaction.objectStore('chunks').put(piece, [HASH_A, 0])
  transaction.objectStore('receipts').put(confirmedReceipt)
  transaction.objectStore('receipts').put(failedReceipt)
  transaction.objectStore('sessions').put(session)
  transaction.objectStore('tips-received').put(receivedTip)
  await committed(transaction)
  db.close()
}

async function writePreviousRelease(): Promise<void> {
  await writeVersion3()
  await writeKeyval(OLD.library, [
    [HASH_A, entryWithBitfield],
    [HASH_B, entryWithoutBitfield],
  ])
  await writeKeyval(OLD.settings, [['settings-v1', settings]])
  await writeKeyval(OLD.identity, [['current', identity]])
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((info) => info.name ?? '').sort()
}

/** The records of an idb-keyval database, opened the way idb-keyval opens it. */
async function keyvalRecords(where: { database: string; store: string }): Promise<unknown[]> {
  const db = await promised(indexedDB.open(where.database))
  const records: unknown[] = await promised(db.transaction(where.store).objectStore(where.store).getAll())
  db.close()
  return records
}

async function marks(): Promise<unknown[]> {
  return allValues(LEGACY_IMPORTS)
}

async function deleteEverything(): Promise<void> {
  await closeDatabase()
  for (const name of [DATABASE_NAME, ...Object.values(OLD).map((old) => old.database)]) {
    await promised(indexedDB.deleteDatabase(name))
  }
}

beforeEach(deleteEverything)
afterEach(deleteEverything)

describe('moving the previous release’s databases into one', () => {
  it('keeps every record the previous release wrote, and deletes the old databases', async () => {
    await writePreviousRelease()
    expect(await databaseNames()).toEqual([
      DATABASE_NAME,
      OLD.library.database,
      OLD.identity.database,
      OLD.settings.database,
    ])

    const db = await openDatabase()
    expect(db.version).toBe(4)
    expect(await databaseNames()).toEqual([DATABASE_NAME])

    // Through this release's readers, with their checks.
    expect(await loadLibrary()).toContainEqual(entryWithBitfield)
    expect(await allValues(LIBRARY)).toEqual([entryWithBitfield, entryWithoutBitfield])
    expect(await loadSettings()).toEqual({
      ...settings,
      maxSessionBudgetSun: null,
      priorityRateSunPerGB: null,
    })
    expect(await loadIdentity({ address: OWNER, chainId: '0xde7e7e70' }, 1_764_000_000_000)).toEqual(identity)
    expect(isTippingIdentity(identity)).toBe(true)
    expect((await allRecords(RECEIPTS, isReceipt)).sort((a, b) => a.createdAt - b.createdAt)).toEqual([
      confirmedReceipt,
      failedReceipt,
    ])
    expect(await allRecords(SESSIONS, isSession)).toEqual([session])
    const isTip = (value: unknown): value is typeof receivedTip => typeof value === 'object'
    expect(await allRecords(TIPS_RECEIVED, isTip)).toEqual([receivedTip])
    const stored: unknown = await requestResult(db.transaction(CHUNKS).objectStore(CHUNKS).get([HASH_A, 0]))
    expect(stored).toEqual(piece)
  })

  it('moves nothing a second time: a record deleted after the move stays deleted', async () => {
    await writePreviousRelease()
    await openDatabase()
    const after = await marks()
    expect(after).toHaveLength(3)
    await deleteEntry(HASH_B)

    await closeDatabase()
    await openDatabase()
    expect((await loadLibrary()).map((entry) => entry.infoHash)).toEqual([HASH_A])
    expect(await marks()).toEqual(after)
    expect(await databaseNames()).toEqual([DATABASE_NAME])
  })

  it('loses nothing when a record fails its check: it stays, with its old database', async () => {
    await writeVersion3()
    const damaged = { ...entryWithoutBitfield, infoHash: 'not the key it is stored under' }
    await writeKeyval(OLD.library, [
      [HASH_A, entryWithBitfield],
      [HASH_B, damaged],
    ])
    await writeKeyval(OLD.settings, [['settings-v1', settings]])

    await openDatabase()
    expect(await allValues(LIBRARY)).toEqual([entryWithBitfield])
    expect(await loadSettings()).toEqual({
      ...settings,
      maxSessionBudgetSun: null,
      priorityRateSunPerGB: null,
    })
    // The settings database is gone; the library's is kept whole, the refused record in it.
    expect(await databaseNames()).toEqual([DATABASE_NAME, OLD.library.database])
    expect(await keyvalRecords(OLD.library)).toEqual([entryWithBitfield, damaged])

    // Nothing moves twice, nothing is deleted on a later open.
    await deleteEntry(HASH_A)
    await closeDatabase()
    await openDatabase()
    expect(await allValues(LIBRARY)).toEqual([])
    expect(await keyvalRecords(OLD.library)).toEqual([entryWithBitfield, damaged])
  })

  it('keeps a record this release wrote over the older one under the same key', async () => {
    // A first open whose move failed (nothing committed) leaves the old database in place while
    // the user changes a setting; the next open's move must not bring the old value back.
    await openDatabase()
    const transaction = (await openDatabase()).transaction(LEGACY_IMPORTS, 'readwrite')
    transaction.objectStore(LEGACY_IMPORTS).delete(OLD.settings.database)
    await committed(transaction)
    const newer = {
      trackers: null,
      downloadLimitKBps: null,
      uploadLimitKBps: 80,
      maxSessionBudgetSun: null,
      priorityRateSunPerGB: null,
    }
    const { saveSettings } = await import('./settings-db')
    await saveSettings(newer)
    await writeKeyval(OLD.settings, [['settings-v1', settings]])

    await closeDatabase()
    await openDatabase()
    expect(await loadSettings()).toEqual(newer)
    expect(await databaseNames()).toEqual([DATABASE_NAME])
  })

  it('opens a fresh browser’s database without creating the old ones', async () => {
    await openDatabase()
    expect(await databaseNames()).toEqual([DATABASE_NAME])
    expect(await marks()).toHaveLength(3)
  })
})
