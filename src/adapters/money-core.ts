/**
 * The money core wired to the browser: payments, the tipping session and received tips over the
 * ports of ./money-ports.ts. In a test build the chain can halt before or right after a broadcast
 * (faults the end-to-end tests inject); no other build contains those decorators' effect.
 */
import { Payments } from '../core/payments'
import { ReceivedTips } from '../core/received-tips'
import { TippingSessions } from '../core/tipping-session'
import type { PayablePeer } from '../tipping/peer-ledger'
import { haltingAfterBroadcast } from '../testing/halt-after-broadcast'
import { haltingBeforeBroadcast } from '../testing/halt-before-broadcast'
import {
  browserClock,
  receiptRecords,
  receivedTipRecords,
  sessionKeys,
  sessionRecords,
  siteStorage,
  tronChain,
  webLocks,
} from './money-ports'

export interface MoneyCore {
  payments: Payments
  sessions: TippingSessions
  received: ReceivedTips
}

export function moneyCore(
  torrentName: (infoHash: string) => string | undefined,
  payablePeers: (chainId: string) => readonly PayablePeer[],
): MoneyCore {
  const chain =
    import.meta.env.VITE_TEST_HOOKS === '1'
      ? haltingAfterBroadcast(haltingBeforeBroadcast(tronChain))
      : tronChain
  const payments = new Payments({ chain, receipts: receiptRecords, locks: webLocks, clock: browserClock })
  const sessions = new TippingSessions({
    payments,
    chain,
    sessions: sessionRecords,
    keys: sessionKeys,
    locks: webLocks,
    clock: browserClock,
    storage: siteStorage,
    origin: location.origin,
    payablePeers,
    torrentName: (infoHash) => torrentName(infoHash) ?? infoHash,
  })
  return { payments, sessions, received: new ReceivedTips(receivedTipRecords) }
}
