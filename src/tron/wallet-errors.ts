/**
 * Turns what the TronLink adapter, the wallet and the node throw into one of a few situations the
 * user can act on, each with its own message. The adapter's error classes are told apart by name so
 * that this module does not load the adapter.
 */
import { t } from '../i18n/translate'
import { stored, type StoredMessage } from '../i18n/stored-message'
import type { MessageKey, ParamArgs } from '../i18n/catalog'

export type WalletProblem =
  | 'not-installed'
  | 'locked'
  | 'rejected'
  | 'disconnected'
  | 'unsupported-network'
  | 'insufficient-balance'
  | 'node-unreachable'
  | 'other'

export const GET_TRONLINK_URL = 'https://www.tronlink.org/'

export class WalletProblemError extends Error {
  override readonly name = 'WalletProblemError'
  constructor(
    readonly problem: WalletProblem,
    message: string,
    /** The message as a record keeps it (a receipt's error), when it is one of the catalog's. */
    readonly stored: StoredMessage = { code: 'legacy', params: { text: message } },
  ) {
    super(message)
  }
}

interface ErrorLike {
  name?: unknown
  message?: unknown
  code?: unknown
  error?: unknown
}

function codeOf(error: unknown): unknown {
  const outer = error as ErrorLike | null
  const inner = outer?.error as ErrorLike | null | undefined
  return outer?.code ?? inner?.code
}

function textOf(error: unknown): string {
  if (typeof error === 'string') return error
  const outer = error as ErrorLike | null
  const inner = outer?.error as ErrorLike | string | null | undefined
  const innerText =
    typeof inner === 'string' ? inner : typeof inner?.message === 'string' ? inner.message : ''
  return `${typeof outer?.message === 'string' ? outer.message : ''} ${innerText}`
}

/** A network failure talking to the node (TronWeb goes through axios, the page through fetch). */
export function isUnreachable(error: unknown): boolean {
  return /network error|failed to fetch|econnrefused|err_connection|timeout of \d+ms|load failed/i.test(
    textOf(error),
  )
}

export function classifyWalletError(error: unknown, nodeUrl?: string | null): WalletProblemError {
  if (error instanceof WalletProblemError) return error
  const name = (error as ErrorLike | null)?.name
  const code = codeOf(error)
  const text = textOf(error)
  if (name === 'WalletNotFoundError') {
    return problem('not-installed', 'walletError.notInstalled')
  }
  if (code === 4100 || /locked|no wallet account|not (yet )?unlocked/i.test(text)) {
    return problem('locked', 'walletError.locked')
  }
  if (code === 4001 || /declin|reject|cancel|denied/i.test(text)) {
    return name === 'WalletConnectionError'
      ? problem('rejected', 'walletError.connectionDeclined')
      : problem('rejected', 'walletError.declined')
  }
  if (code === -32002) {
    return problem('other', 'walletError.pending')
  }
  if (name === 'WalletDisconnectedError') {
    return problem('disconnected', 'walletError.disconnected')
  }
  if (isUnreachable(error)) {
    return new WalletProblemError(
      'node-unreachable',
      nodeUrl ? t('walletError.unreachableAt', { url: nodeUrl }) : t('walletError.unreachable'),
      nodeUrl ? stored('walletError.unreachableAt', { url: nodeUrl }) : stored('walletError.unreachable'),
    )
  }
  const detail = text.trim() || String(error)
  return problem('other', 'walletError.unexpected', { detail })
}

/** A problem whose message is one of the catalog's: shown now, and storable as its key. */
function problem<K extends MessageKey>(
  kind: WalletProblem,
  key: K,
  ...params: ParamArgs<K>
): WalletProblemError {
  const values = (params[0] ?? {}) as Readonly<Record<string, string | number>>
  return new WalletProblemError(kind, t(key, ...params), stored(key, values))
}
