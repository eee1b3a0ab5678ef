/**
 * A tipping session: the user's rate and budget, and the session wallet that pays peers without a
 * wallet prompt per tip. The wallet's key is derived from one signature of the owner's wallet (see
 * session-wallet.ts) and stored (in IndexedDB) before any money is sent to it; if the browser loses
 * it, the same signature gives it again.
 *
 *   funding  ->  active  ->  ending  ->  ended
 *       \______________________/^
 *
 * `funding`: the key is stored, the user's one wallet transaction moves the budget to it.
 * `active`: peers are paid automatically. `ending`: final payments, then what is left goes back to
 * the user (the sweep). A session whose funding never landed is ended; one found after a crash
 * carries on from its stored status.
 */
import { t } from '../i18n/translate'
import type { StoredMessage } from '../i18n/stored-message'
import { formatTrx } from '../tron/amounts'
import type { NetworkId } from '../tron/networks'
import type { Receipt } from '../tron/receipt'

export const SESSION_STATUSES = ['funding', 'active', 'ending', 'ended'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]

export interface TippingSession {
  id: string
  createdAt: number
  updatedAt: number
  status: SessionStatus
  networkId: NetworkId
  chainId: string
  nodeUrl: string
  /** The user's wallet: it funds the session, receives the sweep, and is the address peers see. */
  owner: string
  /** The session wallet. The key never leaves this browser; it only ever holds the budget. */
  wallet: SessionWalletKey
  rateSunPerGB: number
  budgetSun: number
  /** The owner's transfer into the session wallet: also the session's ownership proof to peers. */
  fundingTxId: string | null
  /** Why the session ended, or what it is waiting for, in words for the user. */
  note: StoredMessage | null
}

/** A session wallet's key; `derived` when it comes from the owner's signature (recoverable). */
export interface SessionWalletKey {
  address: string
  privateKey: string
  derived?: boolean
}

const NEXT: Record<SessionStatus, readonly SessionStatus[]> = {
  funding: ['active', 'ending', 'ended'],
  active: ['ending'],
  ending: ['ended'],
  ended: [],
}

export function advanceSession(
  session: TippingSession,
  status: SessionStatus,
  changes: Partial<Pick<TippingSession, 'fundingTxId' | 'note'>> = {},
  now = Date.now(),
): TippingSession {
  if (!NEXT[session.status].includes(status)) {
    throw new Error(`Session ${session.id} cannot go from ${session.status} to ${status}`)
  }
  return { ...session, ...changes, status, updatedAt: now }
}

export interface NewSession {
  networkId: NetworkId
  chainId: string
  nodeUrl: string
  owner: string
  rateSunPerGB: number
  budgetSun: number
}

/** The default cap on a session's budget (Settings): 100 TRX. */
export const DEFAULT_MAX_BUDGET_SUN = 100_000_000

/** The smallest budget worth a session: a few transfers' fees would eat a smaller one. */
export const MIN_BUDGET_SUN = 5_000_000

export function createSession(
  request: NewSession,
  wallet: SessionWalletKey,
  id = crypto.randomUUID(),
  now = Date.now(),
): TippingSession {
  if (!Number.isSafeInteger(request.rateSunPerGB) || request.rateSunPerGB <= 0) {
    throw new RangeError(t('session.badRate'))
  }
  if (!Number.isSafeInteger(request.budgetSun) || request.budgetSun < MIN_BUDGET_SUN) {
    throw new RangeError(t('session.smallBudget', { min: formatTrx(MIN_BUDGET_SUN) }))
  }
  if (wallet.address === request.owner) throw new Error('A session wallet must not be the owner')
  return {
    id,
    createdAt: now,
    updatedAt: now,
    status: 'funding',
    // Copied field by field: the caller's object may be a reactive proxy, which IndexedDB cannot store.
    networkId: request.networkId,
    chainId: request.chainId,
    nodeUrl: request.nodeUrl,
    owner: request.owner,
    wallet: copyKey(wallet),
    rateSunPerGB: request.rateSunPerGB,
    budgetSun: request.budgetSun,
    fundingTxId: null,
    note: null,
  }
}

/**
 * A session made to return what a session wallet holds when no record of its session is left (the
 * browser's storage was lost, the key was derived again): `ending` when there is something to sweep,
 * else `ended`.
 */
export function recoveredSession(
  request: Omit<NewSession, 'rateSunPerGB' | 'budgetSun'>,
  wallet: SessionWalletKey,
  balanceSun: number,
  note: StoredMessage,
  id = crypto.randomUUID(),
  now = Date.now(),
): TippingSession {
  return {
    id,
    createdAt: now,
    updatedAt: now,
    status: balanceSun > 0 ? 'ending' : 'ended',
    networkId: request.networkId,
    chainId: request.chainId,
    nodeUrl: request.nodeUrl,
    owner: request.owner,
    wallet: copyKey(wallet),
    rateSunPerGB: 0,
    budgetSun: balanceSun,
    fundingTxId: null,
    note: balanceSun > 0 ? null : note,
  }
}

/**
 * The session wallet to use for a new session: the derived one of the owner's last session on this
 * network if there is one (the stored copy spares the wallet prompt that derives it; its account
 * already exists on chain, so funding it again costs no 1.1 TRX activation), else none (the caller
 * derives it). Keys generated at random by earlier versions are not reused: storage may lose them.
 */
export function reusableWallet(
  sessions: readonly TippingSession[],
  owner: string,
  chainId: string,
): SessionWalletKey | null {
  const previous = sessions
    .filter(
      (session) =>
        session.owner === owner &&
        session.chainId === chainId &&
        session.status === 'ended' &&
        session.wallet.derived === true,
    )
    .sort((a, b) => b.createdAt - a.createdAt)[0]
  return previous ? copyKey(previous.wallet) : null
}

/** Copied field by field: the caller's object may be a reactive proxy, which IndexedDB cannot store. */
function copyKey(wallet: SessionWalletKey): SessionWalletKey {
  return wallet.derived
    ? { address: wallet.address, privateKey: wallet.privateKey, derived: true }
    : { address: wallet.address, privateKey: wallet.privateKey }
}

/**
 * A session's receipts of one kind: its automatic tips (paid by its wallet), its funding (the owner
 * to its wallet) or its sweep (its wallet back to the owner). The wallet may have served earlier
 * sessions: only receipts made since this one started are its own.
 */
export function sessionReceipts(
  session: TippingSession,
  receipts: readonly Receipt[],
  kind: 'tip' | 'funding' | 'sweep',
): Receipt[] {
  return receipts.filter(
    (receipt) =>
      receipt.createdAt >= session.createdAt &&
      (receipt.purpose ?? 'tip') === kind &&
      (kind === 'funding'
        ? receipt.from === session.owner && receipt.to === session.wallet.address
        : receipt.from === session.wallet.address),
  )
}

/** A session that still holds or may hold the user's money. */
export function isOpen(session: TippingSession): boolean {
  return session.status !== 'ended'
}

const STATUSES = new Set<string>(SESSION_STATUSES)

/** A stored record that can be read as a tipping session. */
export function isSession(value: unknown): value is TippingSession {
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
