/**
 * How the page talks to a TRON node's HTTP API: through one shared request budget, with the API key
 * when the user gave one, waiting out a node's "slow down" (403, 429, 503, TronGrid's limit body) with
 * backoff and jitter, and turning every answer that is not data into a typed error: a java-tron
 * `{"Error": …}` body (often HTTP 200) is never returned as if it were an account or a balance.
 */
import type { Clock } from '../shared/poll'
import { RequestBudget } from './request-budget'
import { NodeErrorBody, NodeHttpError, NodeRateLimitedError } from './wallet-errors'

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

/** What the page says about its node while requests are being refused. */
export type NodeStatus =
  | { kind: 'ok' }
  /** Refused since `since`; the next attempt is at `retryAt`. */
  | { kind: 'limited'; since: number; retryAt: number; httpStatus: number | null }

export interface TransportOptions {
  fetch: FetchLike
  clock: Clock
  /** Default: one request a second on average, bursts of 5. */
  budget?: RequestBudget
  /** Jitter source in [0, 1); tests pass a constant. */
  random?: () => number
  /** The first wait after a refusal; doubles up to `maxBackoffMs`. */
  baseBackoffMs?: number
  maxBackoffMs?: number
  /** After refusals for this long a request gives up with NodeRateLimitedError (others keep waiting). */
  giveUpAfterMs?: number
}

/** HTTP statuses public nodes use for "too many requests" (TronGrid: 403 with a ban, 429, 503). */
const LIMIT_STATUSES = new Set([403, 429, 503])
/** TronGrid's rate-limit body: `request rate exceeded the allowed_rps(N), and the query server is suspended for S s`. */
const LIMIT_TEXT = /rate exceeded|rate limit|too many requests|suspended/i

export class NodeTransport {
  readonly budget: RequestBudget
  #apiKey: string | null = null
  #status: NodeStatus = { kind: 'ok' }
  readonly #listeners = new Set<(status: NodeStatus) => void>()
  readonly #fetch: FetchLike
  readonly #clock: Clock
  readonly #random: () => number
  readonly #baseBackoffMs: number
  readonly #maxBackoffMs: number
  readonly #giveUpAfterMs: number
  /** Refusals in a row, all requests together: the backoff grows while the node keeps refusing. */
  #refusals = 0
  /** Requests sent over the wire (attempts included): what the rate budget is measured by. */
  sent = 0

  constructor(options: TransportOptions) {
    this.#fetch = options.fetch
    this.#clock = options.clock
    this.budget = options.budget ?? new RequestBudget(options.clock, { perSecond: 1, burst: 5 })
    this.#random = options.random ?? Math.random
    this.#baseBackoffMs = options.baseBackoffMs ?? 2_000
    this.#maxBackoffMs = options.maxBackoffMs ?? 32_000
    this.#giveUpAfterMs = options.giveUpAfterMs ?? 180_000
  }

  /** Sent as TRON-PRO-API-KEY with every request; null sends none. */
  setApiKey(apiKey: string | null): void {
    this.#apiKey = apiKey
  }

  get status(): NodeStatus {
    return this.#status
  }

  onStatus(listener: (status: NodeStatus) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /**
   * One call of the node's HTTP API (`endpoint` like `wallet/getaccount`) on `host`. GET sends
   * `payload` as query parameters, POST as a JSON body. Resolves with the parsed JSON answer only.
   */
  async request(host: string, endpoint: string, payload: object = {}, method = 'post'): Promise<unknown> {
    const url = new URL(endpoint.replace(/^\/+/, ''), host.replace(/\/*$/, '/'))
    const get = method.toLowerCase() === 'get'
    if (get) for (const [key, value] of Object.entries(payload)) url.searchParams.set(key, String(value))
    const headers: Record<string, string> = {}
    if (!get) headers['Content-Type'] = 'application/json'
    if (this.#apiKey) headers['TRON-PRO-API-KEY'] = this.#apiKey
    const init: RequestInit = { method: get ? 'GET' : 'POST', headers }
    if (!get && Object.keys(payload).length > 0) init.body = JSON.stringify(payload)
    const startedAt = this.#clock.now()
    for (;;) {
      await this.budget.take()
      this.sent += 1
      // A network failure (no CORS headers, connection refused) propagates as fetch's TypeError.
      const response = await this.#fetch(url.href, init)
      const text = await response.text()
      const body = parseJson(text)
      const errorText = errorOf(body)
      const limited =
        LIMIT_STATUSES.has(response.status) || (errorText !== null && LIMIT_TEXT.test(errorText))
      if (limited) {
        const httpStatus = response.ok ? null : response.status
        if (this.#clock.now() - startedAt >= this.#giveUpAfterMs) {
          throw new NodeRateLimitedError(endpoint, httpStatus, errorText ?? text.slice(0, 200))
        }
        this.#refused(httpStatus, retryAfterMs(response))
        continue
      }
      this.#answered()
      if (!response.ok) throw new NodeHttpError(endpoint, response.status, errorText ?? text.slice(0, 200))
      if (body === undefined) throw new NodeHttpError(endpoint, response.status, 'the answer is not JSON')
      if (errorText !== null) throw new NodeErrorBody(endpoint, null, errorText)
      return body
    }
  }

  #refused(httpStatus: number | null, retryAfter: number | null): void {
    const now = this.#clock.now()
    // Requests sent together are refused together: one pause for all of them, grown once.
    if (now < this.budget.pausedUntil) return
    const ceiling = Math.min(this.#maxBackoffMs, this.#baseBackoffMs * 2 ** this.#refusals)
    this.#refusals += 1
    // "Equal jitter": at least half the backoff, so pages limited together do not retry together.
    const backoff = ceiling / 2 + (this.#random() * ceiling) / 2
    const retryAt = now + Math.max(backoff, retryAfter ?? 0)
    this.budget.pauseUntil(retryAt)
    const since = this.#status.kind === 'limited' ? this.#status.since : now
    this.#setStatus({ kind: 'limited', since, retryAt: this.budget.pausedUntil, httpStatus })
  }

  #answered(): void {
    this.#refusals = 0
    if (this.#status.kind !== 'ok') this.#setStatus({ kind: 'ok' })
  }

  #setStatus(status: NodeStatus): void {
    this.#status = status
    for (const listener of this.#listeners) listener(status)
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** java-tron's servlet error (`{"Error": "…"}`), or null when the answer is not one. */
function errorOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('Error' in body)) return null
  const error = body.Error
  return typeof error === 'string' ? error : JSON.stringify(error)
}

/** `Retry-After` in seconds (the only form public nodes use), capped at two minutes. */
function retryAfterMs(response: Response): number | null {
  const seconds = Number(response.headers.get('Retry-After'))
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 120) * 1000 : null
}
