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

/**
 * A TRON node answered, but not with data: it refused for now (HTTP 403/429/503, TronGrid's rate
 * limit), failed (another HTTP error, a body that is not JSON) or answered java-tron's `{"Error": …}`
 * (often with HTTP 200). None of these says anything about the chain: after a broadcast the payment is
 * unknown, an account is not "not activated", a balance is not 0. Callers ask again later.
 */
export class NodeTransientError extends Error {
  override readonly name: string = 'NodeTransientError'
  /** Always true: lets code that cannot import this class (or a copy of it) recognise it. */
  readonly transient = true
  constructor(
    /** The endpoint asked, e.g. `wallet/getaccount`. */
    readonly endpoint: string,
    /** The HTTP status, or null when it was 200 with an `{"Error"}` body. */
    readonly status: number | null,
    readonly detail: string,
  ) {
    super(`The TRON node could not answer ${endpoint} (${status ?? 'Error'}): ${detail}`)
  }
}

/** The node limits this page's requests (HTTP 403, 429 or 503, or TronGrid's rate-limit body), even after waiting. */
export class NodeRateLimitedError extends NodeTransientError {
  override readonly name = 'NodeRateLimitedError'
}

/** Any other HTTP failure (404, 500, an answer that is not JSON): a gateway or a node that is not java-tron's API. */
export class NodeHttpError extends NodeTransientError {
  override readonly name = 'NodeHttpError'
}

/** java-tron's servlet error shape, `{"Error": "…"}`: never data. */
export class NodeErrorBody extends NodeTransientError {
  override readonly name = 'NodeErrorBody'
}

/** A node failure that says nothing about the chain: ask again later, never conclude from it. */
export function isTransientNodeError(error: unknown): error is NodeTransientError {
  return (
    error instanceof NodeTransientError ||
    (typeof error === 'object' && error !== null && (error as { transient?: unknown }).transient === true)
  )
}

export function classifyWalletError(error: unknown, nodeUrl?: string | null): WalletProblemError {
  if (error instanceof WalletProblemError) return error
  if (isTransientNodeError(error)) {
    const url = nodeUrl ?? ''
    return error instanceof NodeRateLimitedError
      ? problem('node-unreachable', 'walletError.nodeLimited', { url })
      : problem('node-unreachable', 'walletError.nodeFailed', { url, detail: error.detail })
  }
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
