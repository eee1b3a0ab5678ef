/**
 * Turns what the TronLink adapter, the wallet and the node throw into one of a few situations the
 * user can act on, each with its own message. The adapter's error classes are told apart by name so
 * that this module does not load the adapter.
 */
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
    return new WalletProblemError(
      'not-installed',
      'No TronLink wallet was found in this browser. Install TronLink, then reload this page.',
    )
  }
  if (code === 4100 || /locked|no wallet account|not (yet )?unlocked/i.test(text)) {
    return new WalletProblemError('locked', 'TronLink is locked. Unlock it and try again.')
  }
  if (code === 4001 || /declin|reject|cancel|denied/i.test(text)) {
    return name === 'WalletConnectionError'
      ? new WalletProblemError('rejected', 'The connection was declined in TronLink.')
      : new WalletProblemError('rejected', 'The request was declined in TronLink: nothing was paid.')
  }
  if (code === -32002) {
    return new WalletProblemError(
      'other',
      'TronLink is already showing a request from this page: answer it first.',
    )
  }
  if (name === 'WalletDisconnectedError') {
    return new WalletProblemError('disconnected', 'The wallet is not connected. Connect it and try again.')
  }
  if (isUnreachable(error)) {
    const where = nodeUrl ? ` at ${nodeUrl}` : ''
    return new WalletProblemError(
      'node-unreachable',
      `The TRON node${where} is unreachable. Check your connection or the node chosen in TronLink.`,
    )
  }
  const detail = text.trim() || String(error)
  return new WalletProblemError('other', `The wallet reported an error: ${detail}`)
}
