/**
 * The browser's side of the money workflows' ports: TronWeb for the chain, IndexedDB records for the
 * repositories, Web Locks, timers. Used by main.ts only; the workflows know nothing of them.
 */
import type {
  Clock,
  ChainPort,
  Locks,
  ReceiptRepository,
  SessionKeys,
  SessionRepository,
  SiteStorage,
} from '../core/ports'
import type { ReceivedTipRepository } from '../core/received-tips'
import { systemClock } from '../shared/poll'
import { RECEIPTS, SESSIONS, TIPS_RECEIVED } from '../db/database'
import { allRecords, getRecord, putRecord } from '../db/records'
import { fromLegacy, isStoredMessage, type StoredMessage } from '../i18n/stored-message'
import { loadCatalog } from '../i18n/load-catalog'
import { isSession, type TippingSession } from '../tipping/session'
import { sessionSigner, sessionWalletFromSignature } from '../tipping/session-wallet'
import { requestPersistentStorage } from '../torrent/storage/storage-quota'
import { broadcast, chainView, headBalanceSun, isActivated, transferBurnSun } from '../tron/chain'
import { rawDataMatches } from '../tron/raw-data'
import { isReceipt, type Receipt } from '../tron/receipt'
import { isReceivedTip } from '../tron/received-tip'
import { prepareTip } from '../tron/tip-pipeline'

export const browserClock: Clock = systemClock

export const webLocks: Locks = {
  run: (name, work, options = {}) =>
    navigator.locks.request(name, { ifAvailable: options.ifAvailable ?? false }, (lock) =>
      lock ? work() : null,
    ),
  hold: (name) =>
    new Promise((granted) => {
      void navigator.locks.request(name, { ifAvailable: true }, (lock) => {
        if (!lock) {
          granted(null)
          return null
        }
        return new Promise<void>((release) => granted(release))
      })
    }),
}

export const tronChain: ChainPort = {
  buildTransfer: prepareTip,
  rawDataMatches,
  broadcast,
  view: chainView,
  balanceSun: headBalanceSun,
  isActivated,
  transferBurnSun,
}

/**
 * Records of earlier releases hold their messages as sentences in the language of the day: they
 * are read as codes (fromLegacy), with French and German fetched only when such a sentence exists.
 */
async function readMessage(value: unknown): Promise<StoredMessage | null> {
  if (isStoredMessage(value)) return value
  if (typeof value !== 'string') return null
  const catalogs = await Promise.all((['en', 'fr', 'de'] as const).map((locale) => loadCatalog(locale)))
  return fromLegacy(value, catalogs)
}

async function readReceipt<T extends Receipt | undefined>(receipt: T): Promise<T> {
  return receipt ? { ...receipt, error: await readMessage(receipt.error) } : receipt
}

async function readSession(session: TippingSession): Promise<TippingSession> {
  return { ...session, note: await readMessage(session.note) }
}

export const receiptRecords: ReceiptRepository = {
  all: async () =>
    Promise.all(
      (await allRecords(RECEIPTS, isReceipt)).sort((a, b) => a.createdAt - b.createdAt).map(readReceipt),
    ),
  get: async (id) => readReceipt(await getRecord(RECEIPTS, id, isReceipt)),
  put: (receipt) => putRecord(RECEIPTS, receipt),
}

export const sessionRecords: SessionRepository = {
  all: async () =>
    Promise.all(
      (await allRecords(SESSIONS, isSession)).sort((a, b) => b.createdAt - a.createdAt).map(readSession),
    ),
  put: (session) => putRecord(SESSIONS, session),
}

export const receivedTipRecords: ReceivedTipRepository = {
  all: () => allRecords(TIPS_RECEIVED, isReceivedTip),
  put: (tip) => putRecord(TIPS_RECEIVED, tip),
}

export const sessionKeys: SessionKeys = { fromSignature: sessionWalletFromSignature, signer: sessionSigner }

export const siteStorage: SiteStorage = { persist: requestPersistentStorage }
