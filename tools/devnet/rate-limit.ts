/**
 * A rate limit like TronGrid's for requests without an API key: a token bucket per node (TronGrid
 * limits per IP; the devnet has one client machine). Once over the rate, the node refuses the way
 * TronGrid does: 403 and a ban of about 30 s (what its documentation described for key-less traffic),
 * 429 for the one request, or 503 with openresty's HTML page. A request whose TRON-PRO-API-KEY header
 * names a listed key is never limited. Tests can also force a refusal window (`refuseFor`), e.g. "the
 * node refuses for 35 s right after the first payment".
 */

export interface RateLimitOptions {
  /** Sustained rate of key-less requests. */
  readonly requestsPerSecond: number
  /** Requests allowed at once before the rate applies; default `requestsPerSecond`. */
  readonly burst?: number
  /**
   * How a request over the rate is refused: 403 (default) bans every key-less request for `banMs`;
   * 429 refuses that request only; 503 answers openresty's "Service Temporarily Unavailable" page;
   * 200 answers `{"Error": …}` with status 200, as java-tron's servlets answer what they cannot do.
   */
  readonly refuseWith?: RefusalStatus
  /** Length of a 403 ban; default 30 000 ms. */
  readonly banMs?: number
  /** Keys that lift the limit when sent in the TRON-PRO-API-KEY header. */
  readonly apiKeys?: readonly string[]
}

export type RefusalStatus = 200 | 403 | 429 | 503

export interface LimitRefusal {
  readonly status: RefusalStatus
  readonly contentType: string
  readonly body: string
}

const DEFAULT_BAN_MS = 30_000
/** The rate a refusal names when no limit was configured (a forced window): TronGrid's usual 15. */
const NAMED_RPS_WITHOUT_LIMIT = 15

/**
 * openresty's stock 503 page, which TronGrid's gateway sends as text/html: a client that expects JSON
 * fails to parse it.
 */
const UNAVAILABLE_PAGE =
  '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n' +
  '<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>openresty</center>\r\n' +
  '</body>\r\n</html>\r\n'

export class RateLimiter {
  private tokens: number
  private refilledAt: number
  private bannedUntil = 0
  private forced: { until: number; status: RefusalStatus } | undefined

  constructor(
    private readonly options: RateLimitOptions | undefined,
    private readonly clock: () => number = Date.now,
  ) {
    this.tokens = this.burst()
    this.refilledAt = clock()
  }

  /** Undefined when the request may go through; otherwise how to refuse it. */
  check(apiKey: string | undefined): LimitRefusal | undefined {
    if (apiKey !== undefined && this.options?.apiKeys?.includes(apiKey)) return undefined
    const now = this.clock()
    const named = this.options?.requestsPerSecond ?? NAMED_RPS_WITHOUT_LIMIT
    if (this.forced && now < this.forced.until)
      return refusal(this.forced.status, this.forced.until - now, named)
    if (now < this.bannedUntil) return refusal(403, this.bannedUntil - now, named)
    if (!this.options) return undefined
    this.refill(now)
    if (this.tokens >= 1) {
      this.tokens -= 1
      return undefined
    }
    const status = this.options.refuseWith ?? 403
    if (status !== 403) return refusal(status, 1_000, this.rps())
    const banMs = this.options.banMs ?? DEFAULT_BAN_MS
    this.bannedUntil = now + banMs
    return refusal(403, banMs, this.rps())
  }

  /** Test helper: every key-less request is refused with `status` for the next `ms`. */
  refuseFor(ms: number, status: RefusalStatus = 403): void {
    this.forced = { until: this.clock() + ms, status }
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.refilledAt)
    this.tokens = Math.min(this.burst(), this.tokens + (elapsed * this.rps()) / 1000)
    this.refilledAt = now
  }

  private rps(): number {
    return this.options?.requestsPerSecond ?? 0
  }

  private burst(): number {
    return this.options?.burst ?? this.options?.requestsPerSecond ?? 0
  }
}

/**
 * TronGrid's refusal body, as its users report it: `{"Error":"request rate exceeded the
 * allowed_rps(10), and the query server is suspended for 5 s"}`.
 */
function refusal(status: RefusalStatus, remainingMs: number, rps: number): LimitRefusal {
  if (status === 503) return { status, contentType: 'text/html', body: UNAVAILABLE_PAGE }
  const seconds = Math.max(1, Math.ceil(remainingMs / 1000))
  return {
    status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({
      Error: `request rate exceeded the allowed_rps(${rps}), and the query server is suspended for ${seconds} s`,
    }),
  }
}
