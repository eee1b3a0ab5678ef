/**
 * The page's node transport against a fake fetch (scripted answers, no network) and a clock that
 * jumps when something sleeps (src/testing/money-fakes.ts), so backoff and the rate budget are
 * measured in the clock's time, not waited for.
 */
import { describe, expect, it } from 'vitest'
import { FakeClock } from '../testing/fake-clock'
import { JumpingClock, START } from '../testing/money-fakes'
import { NodeTransport, type FetchLike, type NodeStatus } from './node-transport'
import { RequestBudget } from './request-budget'
import { NodeErrorBody, NodeHttpError, NodeRateLimitedError, isTransientNodeError } from './wallet-errors'

interface Call {
  url: string
  init: RequestInit
  at: number
}

/** Answers each request with the next scripted answer (the last one repeats). */
function scriptedFetch(clock: JumpingClock, answers: (() => Response)[]) {
  const calls: Call[] = []
  const fetch: FetchLike = (url, init) => {
    calls.push({ url, init, at: clock.now() })
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]
    if (!answer) throw new Error('no answer scripted')
    return Promise.resolve(answer())
  }
  return { fetch, calls }
}

const json =
  (body: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const html = (status: number) => () =>
  new Response('<html>Service Temporarily Unavailable</html>', { status })

/** Lets every pending promise callback run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve()
}

function transport(clock: JumpingClock, fetch: FetchLike) {
  return new NodeTransport({ fetch, clock, random: () => 0.5 })
}

describe('NodeTransport', () => {
  it('returns data, sends the API key, GET parameters and POST bodies as java-tron takes them', async () => {
    const clock = new JumpingClock()
    const { fetch, calls } = scriptedFetch(clock, [json({ address: '41aa' })])
    const node = transport(clock, fetch)
    node.setApiKey('1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f')
    await expect(
      node.request('http://node.test/', 'wallet/getaccount', { address: 'T1' }, 'post'),
    ).resolves.toEqual({
      address: '41aa',
    })
    await node.request('http://node.test', '/walletsolidity/getnowblock', { visible: true }, 'get')
    expect(calls[0]?.url).toBe('http://node.test/wallet/getaccount')
    expect(calls[0]?.init.body).toBe('{"address":"T1"}')
    expect(calls[0]?.init.headers).toMatchObject({
      'TRON-PRO-API-KEY': '1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f',
    })
    expect(calls[1]?.url).toBe('http://node.test/walletsolidity/getnowblock?visible=true')
    expect(calls[1]?.init.method).toBe('GET')
  })

  it('turns a {"Error"} body, even with HTTP 200, into a typed transient error, never data', async () => {
    const clock = new JumpingClock()
    const body = { Error: 'class java.lang.IllegalArgumentException : Invalid address' }
    const { fetch } = scriptedFetch(clock, [json(body)])
    const error: unknown = await transport(clock, fetch)
      .request('http://node.test', 'wallet/getaccount', { address: 'x' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(NodeErrorBody)
    expect(isTransientNodeError(error)).toBe(true)
    expect((error as NodeErrorBody).detail).toContain('Invalid address')
  })

  it('turns other HTTP failures and answers that are not JSON into NodeHttpError', async () => {
    const clock = new JumpingClock()
    const { fetch } = scriptedFetch(clock, [json({ Error: 'not found' }, 404), () => new Response('<html>')])
    const node = transport(clock, fetch)
    await expect(
      node.request('http://node.test', 'walletsolidity/gettransactioninfobyid'),
    ).rejects.toBeInstanceOf(NodeHttpError)
    await expect(node.request('http://node.test', 'wallet/getaccount')).rejects.toBeInstanceOf(NodeHttpError)
  })

  for (const [name, refusal] of [
    [
      '403',
      json(
        { Error: 'request rate exceeded the allowed_rps(15), and the query server is suspended for 30 s' },
        403,
      ),
    ],
    ['429', json({ Error: 'too many requests' }, 429)],
    ['503 (an HTML page)', html(503)],
    ['200 with TronGrid’s limit body', json({ Error: 'request rate exceeded the allowed_rps(15)' })],
  ] as const) {
    it(`waits out a ${name} with growing, jittered backoff, shows it, and recovers`, async () => {
      const clock = new JumpingClock()
      const { fetch, calls } = scriptedFetch(clock, [refusal, refusal, refusal, json({ balance: 5 })])
      const node = transport(clock, fetch)
      const statuses: NodeStatus[] = []
      node.onStatus((status) => statuses.push(status))
      await expect(node.request('http://node.test', 'wallet/getaccount')).resolves.toEqual({ balance: 5 })
      const gaps = calls.slice(1).map((call, index) => call.at - (calls[index]?.at ?? 0))
      // Base 2 s doubling, half fixed and half jitter (0.5 here): 1.5 s, 3 s, 6 s.
      expect(gaps).toEqual([1_500, 3_000, 6_000])
      expect(statuses[0]).toMatchObject({ kind: 'limited', since: START, retryAt: START + 1_500 })
      expect(statuses.at(-1)).toEqual({ kind: 'ok' })
      expect(node.status).toEqual({ kind: 'ok' })
    })
  }

  it('grows the backoff once for requests refused together, not once per request', async () => {
    // A clock moved by hand here: five requests wait at once, which a jumping clock cannot show.
    const clock = new FakeClock()
    let refusing = true
    const calls: number[] = []
    const fetch: FetchLike = () => {
      calls.push(clock.now())
      return Promise.resolve(
        refusing ? new Response('{"Error":"limited"}', { status: 429 }) : new Response('{}'),
      )
    }
    const node = new NodeTransport({ fetch, clock, random: () => 0.5 })
    const requests = Array.from({ length: 5 }, () => node.request('http://node.test', 'wallet/getnowblock'))
    await settle()
    // Several went at once (the burst) and were refused together.
    expect(calls.length).toBeGreaterThanOrEqual(2)
    expect(new Set(calls)).toEqual(new Set([0]))
    const together = calls.length
    refusing = false
    for (let step = 0; step < 100; step++) {
      clock.advance(100)
      await settle()
    }
    await Promise.all(requests)
    // One base backoff (1.5 s with this jitter) for all of them, not one more per refused request.
    expect(calls[together]).toBe(1_500)
    expect(calls).toHaveLength(together + 5)
  })

  it('gives up with NodeRateLimitedError when the node refuses for longer than the limit', async () => {
    const clock = new JumpingClock()
    const { fetch } = scriptedFetch(clock, [json({ Error: 'banned' }, 403)])
    const node = new NodeTransport({ fetch, clock, random: () => 0, giveUpAfterMs: 60_000 })
    const error: unknown = await node
      .request('http://node.test', 'wallet/getaccount')
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(NodeRateLimitedError)
    expect(isTransientNodeError(error)).toBe(true)
    expect(clock.now() - START).toBeGreaterThanOrEqual(60_000)
    expect(node.status.kind).toBe('limited')
  })

  it('keeps every request of the page within one budget: bursts of 5, then one a second', async () => {
    const clock = new JumpingClock()
    const { fetch, calls } = scriptedFetch(clock, [json({})])
    const node = new NodeTransport({
      fetch,
      clock,
      budget: new RequestBudget(clock, { perSecond: 1, burst: 5 }),
    })
    await Promise.all(
      Array.from({ length: 20 }, () => node.request('http://node.test', 'wallet/getnowblock')),
    )
    expect(calls).toHaveLength(20)
    expect(node.sent).toBe(20)
    const times = calls.map((call) => call.at - START)
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0])
    // In any window, no more than 5 + (window length in s) requests.
    for (let first = 0; first < times.length; first++) {
      for (let last = first; last < times.length; last++) {
        const windowS = ((times[last] ?? 0) - (times[first] ?? 0)) / 1000
        expect(last - first + 1).toBeLessThanOrEqual(5 + windowS + 1e-9)
      }
    }
    expect(times.at(-1)).toBe(15_000)
  })
})
