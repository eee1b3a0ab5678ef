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
} from '../core/ports'
import type { ReceivedTipRepository } from '../core/received-tips'
import { timerClock } from '../shared/poll'
import { RECEIPTS, SESSIONS, TIPS_RECEIVED } from '../db/database'
import { allRecords, getRecord, putRecord } from '../db/records'
import { isSession } from '../tipping/session'
import { generateSessionWallet, sessionSigner } from '../tipping/session-wallet'
import { broadcast, chainView, headBalanceSun, isActivated, transferBurnSun } from '../tron/chain'
import { isReceipt } from '../tron/receipt'
import { isReceivedTip } from '../tron/received-tip'
import { prepareTip } from '../tron/tip-pipeline'

export const browserClock: Clock = timerClock

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
  broadcast,
  view: chainView,
  balanceSun: headBalanceSun,
  isActivated,
  transferBurnSun,
}

export const receiptRecords: ReceiptRepository = {
  all: async () => (await allRecords(RECEIPTS, isReceipt)).sort((a, b) => a.createdAt - b.createdAt),
  get: (id) => getRecord(RECEIPTS, id, isReceipt),
  put: (receipt) => putRecord(RECEIPTS, receipt),
}

export const sessionRecords: SessionRepository = {
  all: async () => (await allRecords(SESSIONS, isSession)).sort((a, b) => b.createdAt - a.createdAt),
  put: (session) => putRecord(SESSIONS, session),
}

export const receivedTipRecords: ReceivedTipRepository = {
  all: () => allRecords(TIPS_RECEIVED, isReceivedTip),
  put: (tip) => putRecord(TIPS_RECEIVED, tip),
}

export const sessionKeys: SessionKeys = { generate: generateSessionWallet, signer: sessionSigner }
