/**
 * The TronGrid-like rate limit. The limiter alone runs on an injected clock (a number the test moves);
 * the devnet tests use a real devnet on a free port and the real clock.
 */
import { describe, expect, it } from 'vitest'
import { RateLimiter } from './rate-limit.ts'
import { startDevnet } from './server.ts'

function limiter(options: ConstructorParameters<typeof RateLimiter>[0]) {
  let now = 1_000_000
  const subject = new RateLimiter(options, () => now)
  return {
    subject,
    advance: (ms: number) => (now += ms),
    statuses: (count: number) => statuses(subject, count),
  }
}

function statuses(subject: RateLimiter, count: number, apiKey?: string): (number | 'ok')[] {
  return Array.from({ length: count }, () => subject.check(apiKey)?.status ?? 'ok')
}

describe('RateLimiter', () => {
  it('lets a burst through, then bans every key-less request with 403 for 30 s', () => {
    const { subject, advance, statuses: next } = limiter({ requestsPerSecond: 2, burst: 3 })
    expect(next(4)).toEqual(['ok', 'ok', 'ok', 403])
    const refusal = subject.check(undefined)
    expect(refusal?.status).toBe(403)
    expect(JSON.parse(refusal?.body ?? '{}')).toEqual({
      Error: 'request rate exceeded the allowed_rps(2), and the query server is suspended for 30 s',
    })
    advance(29_000)
    expect(next(1)).toEqual([403])
    advance(1_000)
    expect(next(3)).toEqual(['ok', 'ok', 'ok'])
  })

  it('refills at the sustained rate', () => {
    const { advance, statuses: next } = limiter({ requestsPerSecond: 2, burst: 2, refuseWith: 429 })
    expect(next(3)).toEqual(['ok', 'ok', 429])
    advance(500)
    expect(next(2)).toEqual(['ok', 429])
    advance(1_000)
    expect(next(3)).toEqual(['ok', 'ok', 429])
  })

  it('answers 429 per request, 503 with openresty’s HTML page, or 200 with {"Error"} as asked', () => {
    for (const refuseWith of [429, 503, 200] as const) {
      const { subject } = limiter({ requestsPerSecond: 1, refuseWith })
      expect(subject.check(undefined)).toBeUndefined()
      const refusal = subject.check(undefined)
      expect(refusal?.status).toBe(refuseWith)
      if (refuseWith === 503) expect(refusal).toMatchObject({ contentType: 'text/html' })
      else expect(JSON.parse(refusal?.body ?? '{}')).toHaveProperty('Error')
    }
  })

  it('never limits a request carrying a listed TRON-PRO-API-KEY', () => {
    const { subject } = limiter({ requestsPerSecond: 1, apiKeys: ['k1'] })
    expect(statuses(subject, 5, 'k1')).toEqual(['ok', 'ok', 'ok', 'ok', 'ok'])
    expect(statuses(subject, 2, 'other')).toEqual(['ok', 403])
    expect(statuses(subject, 1, 'k1')).toEqual(['ok'])
  })

  it('can be forced to refuse for a while, with no limit configured', () => {
    const { subject, advance, statuses: next } = limiter(undefined)
    expect(next(50).every((status) => status === 'ok')).toBe(true)
    subject.refuseFor(35_000)
    expect(JSON.parse(subject.check(undefined)?.body ?? '{}')).toEqual({
      Error: 'request rate exceeded the allowed_rps(15), and the query server is suspended for 35 s',
    })
    advance(34_999)
    expect(next(1)).toEqual([403])
    advance(1)
    expect(next(1)).toEqual(['ok'])
    subject.refuseFor(1_000, 503)
    expect(next(1)).toEqual([503])
  })
})

describe('a devnet with a rate limit', () => {
  it('answers 403 with TronGrid’s body and CORS headers once over, and lets a listed key through', async () => {
    const devnet = await startDevnet({
      port: 0,
      rateLimit: { requestsPerSecond: 1, burst: 2, apiKeys: ['test-key'] },
    })
    try {
      const read = (headers: Record<string, string> = {}) =>
        fetch(`${devnet.url}/wallet/getnowblock`, { headers })
      expect((await read()).status).toBe(200)
      expect((await read()).status).toBe(200)
      const refused = await read()
      expect(refused.status).toBe(403)
      // CORS stays on, so a page reads the status instead of a bare network error.
      expect(refused.headers.get('access-control-allow-origin')).toBe('*')
      expect(await refused.json()).toEqual({
        Error: 'request rate exceeded the allowed_rps(1), and the query server is suspended for 30 s',
      })
      expect((await read({ 'TRON-PRO-API-KEY': 'test-key' })).status).toBe(200)
      // A preflight is not counted nor refused.
      expect((await fetch(`${devnet.url}/wallet/getnowblock`, { method: 'OPTIONS' })).status).toBe(204)
    } finally {
      await devnet.close()
    }
  })

  it('refuses everything for a window set at run time (setRateLimited)', async () => {
    const devnet = await startDevnet({ port: 0 })
    try {
      const read = () => fetch(`${devnet.url}/wallet/getnowblock`)
      expect((await read()).status).toBe(200)
      devnet.setRateLimited(300)
      expect((await read()).status).toBe(403)
      await new Promise((resolve) => setTimeout(resolve, 350))
      expect((await read()).status).toBe(200)
      devnet.setRateLimited(300, 429)
      expect((await read()).status).toBe(429)
    } finally {
      await devnet.close()
    }
  })
})
