import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../testing/fake-clock'
import {
  MAX_QUEUED_PER_CONNECTION,
  PEER_REQUEST_TIMEOUT_MS,
  UploadScheduler,
  type SchedulerOptions,
} from './upload-scheduler'

const BLOCK = 16_384

interface Sent {
  connection: string
  bytes: number
  at: number
}

function setup(rate: number | null, options: SchedulerOptions = {}, clock = new FakeClock()) {
  const scheduler = new UploadScheduler<string>(clock, options)
  scheduler.setRate(rate)
  const sent: Sent[] = []
  const enqueue = (connection: string, preferred: boolean, count = 1, bytes = BLOCK) => {
    let accepted = 0
    for (let i = 0; i < count; i++) {
      const queued = scheduler.enqueue(connection, preferred, bytes, () => {
        sent.push({ connection, bytes, at: clock.now() })
        return true
      })
      if (queued) accepted++
    }
    return accepted
  }
  const bytesTo = (connection: string) =>
    sent.filter((s) => s.connection === connection).reduce((sum, s) => sum + s.bytes, 0)
  return { clock, scheduler, sent, enqueue, bytesTo }
}

/** The longest time a connection went without a block, from the start of the test. */
function longestGap(sent: readonly Sent[], connection: string, end: number): number {
  const times = [0, ...sent.filter((s) => s.connection === connection).map((s) => s.at), end]
  return Math.max(...times.slice(1).map((at, i) => at - (times[i] ?? 0)))
}

describe('UploadScheduler', () => {
  it('passes blocks straight through when there is no limit', () => {
    const { clock, scheduler, sent, enqueue } = setup(null)
    enqueue('a', false, 100)
    expect(sent).toHaveLength(100)
    expect(scheduler.queuedBlocks).toBe(0)
    expect(clock.pendingTimers).toBe(0)
  })

  it('keeps to the rate: one burst, then the rate', () => {
    const rate = 2 * BLOCK
    const { clock, sent, enqueue } = setup(rate)
    enqueue('a', false, 100)
    expect(sent).toHaveLength(1) // the bucket starts full with one block
    clock.advance(10_000)
    expect(sent).toHaveLength(21)
    expect(sent.every((s, i) => s.at === i * 500)).toBe(true)
  })

  it('keeps to a high rate with a tenth of a second of burst', () => {
    const rate = 1_000_000
    const { clock, sent, enqueue } = setup(rate)
    enqueue('a', false, 500)
    expect(sent).toHaveLength(Math.floor((rate * 0.1) / BLOCK))
    clock.advance(2_000)
    const bytes = sent.length * BLOCK
    expect(bytes).toBeLessThanOrEqual(rate * 2.1)
    expect(bytes).toBeGreaterThan(rate * 2.1 - BLOCK)
  })

  it('keeps throughput when timers fire only once a second, as in a hidden tab', () => {
    const rate = 10 * BLOCK
    const { clock, sent, enqueue } = setup(rate, {}, new FakeClock(1_000))
    enqueue('a', false, 200)
    clock.advance(10_000)
    expect(sent.length).toBeGreaterThanOrEqual(100)
    expect(sent.length).toBeLessThanOrEqual(101)
  })

  it('does not let an idle period bank more than the burst', () => {
    const rate = 10 * BLOCK
    const { clock, sent, enqueue } = setup(rate)
    enqueue('a', false, 1)
    clock.advance(60_000)
    enqueue('a', false, 20)
    expect(sent).toHaveLength(2) // a full bucket holds one block at this rate, not a minute's worth
  })

  it('sends a block larger than the bucket, then waits off the debt', () => {
    const rate = 4_000
    const { clock, sent, enqueue } = setup(rate)
    enqueue('a', false, 3, 131_072)
    expect(sent).toHaveLength(1)
    clock.advance(60_000)
    expect(sent.map((s) => s.at)).toEqual([0, 32_768, 65_536].filter((at) => at <= 60_000))
  })

  it('gives paying peers nine bytes in ten when both classes want more', () => {
    const { clock, enqueue, bytesTo } = setup(10 * BLOCK)
    enqueue('paid', true, 300)
    enqueue('free', false, 300)
    clock.advance(20_000)
    const total = bytesTo('paid') + bytesTo('free')
    expect(total).toBe(201 * BLOCK)
    expect(bytesTo('free') / total).toBeGreaterThan(0.09)
    expect(bytesTo('free') / total).toBeLessThan(0.11)
  })

  it('shares by bytes, not by blocks', () => {
    const { clock, enqueue, bytesTo } = setup(10 * BLOCK)
    enqueue('paid', true, 400, BLOCK / 4)
    enqueue('free', false, 100)
    clock.advance(5_000)
    const total = bytesTo('paid') + bytesTo('free')
    expect(bytesTo('free') / total).toBeGreaterThan(0.08)
    expect(bytesTo('free') / total).toBeLessThan(0.12)
  })

  it('gives a lone class the whole limit, whichever it is', () => {
    for (const preferred of [true, false]) {
      const { clock, sent, enqueue } = setup(10 * BLOCK)
      enqueue('a', preferred, 60)
      enqueue('b', preferred, 60)
      clock.advance(10_000)
      expect(sent).toHaveLength(101)
    }
  })

  it('gives free peers the whole limit as soon as the paying ones have nothing left to fetch', () => {
    const { clock, sent, enqueue } = setup(10 * BLOCK)
    enqueue('paid', true, 20)
    enqueue('free', false, 200)
    clock.advance(10_000)
    const paidDoneAt = sent.filter((s) => s.connection === 'paid').at(-1)?.at ?? Infinity
    expect(paidDoneAt).toBeLessThan(3_000)
    expect(sent).toHaveLength(101)
  })

  it('does not let time alone count as credit against the other class', () => {
    const { clock, enqueue, bytesTo } = setup(10 * BLOCK)
    enqueue('free', false, 400)
    clock.advance(20_000) // the free peer had the whole limit: 200 blocks
    const before = bytesTo('free')
    enqueue('paid', true, 400)
    clock.advance(10_000)
    const freeShare = (bytesTo('free') - before) / (100 * BLOCK)
    expect(freeShare).toBeGreaterThan(0.08)
    expect(freeShare).toBeLessThan(0.12)
  })

  it('takes turns between the connections of a class', () => {
    const { clock, sent, enqueue } = setup(10 * BLOCK)
    enqueue('a', false, 4)
    enqueue('b', false, 4)
    enqueue('c', false, 4)
    clock.advance(2_000)
    expect(sent.map((s) => s.connection).join('')).toBe('aabcabcabcbc')
  })

  it('keeps the free tenth at a limit too small to serve a free peer within its timeout', () => {
    // A tenth of 2 kB/s leaves the free peer 82 s between blocks: the peer at the other end gives up
    // on it after 30 s, but serving it sooner would come out of the paying peer's nine tenths.
    const rate = 2_000
    const { clock, sent, enqueue, bytesTo } = setup(rate)
    enqueue('paid', true, 100)
    enqueue('free', false, 100)
    clock.advance(300_000)
    const total = bytesTo('paid') + bytesTo('free')
    expect(bytesTo('free')).toBeGreaterThanOrEqual(3 * BLOCK) // it still progresses
    expect(bytesTo('free')).toBeLessThanOrEqual(total / 10 + BLOCK)
    const gap = longestGap(sent, 'free', clock.now())
    expect(gap).toBeGreaterThan(PEER_REQUEST_TIMEOUT_MS)
    expect(gap).toBeLessThanOrEqual(((10 * BLOCK) / rate) * 1000 + 1_000)
  })

  it('gives ten free connections together no more than the free tenth, each still served every < 30 s', () => {
    // 64 kB/s: a tenth is 6 400 B/s, one 16 KiB block every 2.56 s for the whole free class, so
    // round-robin among ten connections serves each one every 25.6 s, under WebTorrent's 30 s timeout.
    const rate = 64_000
    const duration = 120_000
    const { clock, sent, enqueue, bytesTo } = setup(rate)
    const free = Array.from({ length: 10 }, (_, i) => `sybil${i}`)
    enqueue('paid', true, 500) // more than 120 s can send: the paying peer stays busy throughout
    for (const connection of free) enqueue(connection, false, 50)
    clock.advance(duration)
    const total = sent.reduce((sum, s) => sum + s.bytes, 0)
    const freeBytes = free.reduce((sum, connection) => sum + bytesTo(connection), 0)
    expect(total).toBeGreaterThan(rate * (duration / 1000) - BLOCK)
    // The free tenth, give or take the last block: the exact bound, whatever the number of connections.
    expect(freeBytes).toBeLessThanOrEqual(total / 10 + BLOCK)
    expect(bytesTo('paid') / total).toBeGreaterThanOrEqual(0.89)
    for (const connection of free) {
      expect(longestGap(sent, connection, clock.now())).toBeLessThan(PEER_REQUEST_TIMEOUT_MS)
    }
  })

  it('keeps any mix of free connections to the free tenth over every 10 s while paying peers are busy', () => {
    // Property check on seeded random scenarios: limits from 8 kB/s to 2 MB/s, one to three paying
    // connections kept busy, up to sixty free ones that come, ask in bursts and leave, blocks of
    // 4 to 16 KiB. In every 10 s window the free class exceeds a tenth of what was sent by at most
    // one block, however many free connections there are: the classes' byte counts, weighted, never
    // drift apart by more than the block that was just sent. (The 10 s rule this replaced stayed
    // within one block per free connection, and took up to 18.6 blocks more than the tenth here.)
    const random = seededRandom(0x5b11)
    for (let scenario = 0; scenario < 40; scenario++) {
      const rate = Math.round(8_000 * 250 ** random())
      const { clock, scheduler, sent } = setup(rate)
      const waiting = new Map<string, number>()
      const blockBytes = new Map<string, number>()
      const add = (connection: string, preferred: boolean, count: number) => {
        const bytes = blockBytes.get(connection) ?? BLOCK / [1, 2, 4][Math.floor(random() * 3)]!
        blockBytes.set(connection, bytes)
        for (let i = 0; i < count; i++) {
          const queued = scheduler.enqueue(connection, preferred, bytes, () => {
            waiting.set(connection, (waiting.get(connection) ?? 1) - 1)
            sent.push({ connection, bytes, at: clock.now() })
            return true
          })
          if (queued) waiting.set(connection, (waiting.get(connection) ?? 0) + 1)
        }
      }
      const paying = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => `paid${i}`)
      const free = new Set<string>()
      let nextFree = 0
      const seconds = 60
      for (let second = 0; second < seconds; second++) {
        // Enough queued that the paying class never runs dry within the second.
        const perSecond = Math.ceil(rate / (BLOCK / 4)) + 2
        for (const connection of paying) add(connection, true, perSecond - (waiting.get(connection) ?? 0))
        while (free.size < 60 && random() < 0.5) free.add(`free${nextFree++}`)
        for (const connection of free) {
          if (random() < 0.03) {
            scheduler.dropConnection(connection)
            waiting.delete(connection)
            free.delete(connection)
          } else if (random() < 0.3) add(connection, false, 1 + Math.floor(random() * 20))
        }
        clock.advance(1_000)
      }
      for (let start = 0; start + 10 <= seconds; start++) {
        const window = sent.filter((s) => s.at >= start * 1_000 && s.at < (start + 10) * 1_000)
        const total = window.reduce((sum, s) => sum + s.bytes, 0)
        const freeBytes = window
          .filter((s) => s.connection.startsWith('free'))
          .reduce((sum, s) => sum + s.bytes, 0)
        const context = `scenario ${scenario}, ${rate} B/s, ${free.size} free, from ${start} s`
        expect(freeBytes - total / 10, context).toBeLessThanOrEqual(BLOCK)
      }
    }
  })

  it('drops the blocks of a connection that closed or was choked', () => {
    const { clock, scheduler, sent, enqueue } = setup(10 * BLOCK)
    enqueue('a', false, 10)
    enqueue('b', false, 10)
    scheduler.dropConnection('a')
    expect(scheduler.queuedBlocks).toBe(10)
    clock.advance(5_000)
    expect(sent.filter((s) => s.connection === 'a')).toHaveLength(1)
    expect(sent.filter((s) => s.connection === 'b')).toHaveLength(10)
    scheduler.dropConnection('b')
    expect(clock.pendingTimers).toBe(0)
  })

  it('stops its timer when the last waiting connection is dropped', () => {
    const { clock, scheduler, enqueue } = setup(BLOCK)
    enqueue('a', false, 5)
    expect(clock.pendingTimers).toBe(1)
    scheduler.dropConnection('a')
    expect(clock.pendingTimers).toBe(0)
    expect(scheduler.queuedBlocks).toBe(0)
  })

  it('charges nothing for a block that was no longer wanted', () => {
    const { clock, scheduler, sent } = setup(BLOCK)
    scheduler.enqueue('a', false, BLOCK, () => {
      sent.push({ connection: 'a', bytes: BLOCK, at: clock.now() })
      return true
    })
    scheduler.enqueue('a', false, BLOCK, () => false) // cancelled while it waited
    scheduler.enqueue('a', false, BLOCK, () => {
      sent.push({ connection: 'a', bytes: BLOCK, at: clock.now() })
      return true
    })
    clock.advance(1_000)
    expect(sent.map((s) => s.at)).toEqual([0, 1_000])
  })

  it('sends everything waiting at once when the limit is lifted, then passes blocks through', () => {
    const { clock, scheduler, sent, enqueue } = setup(BLOCK)
    enqueue('a', true, 5)
    enqueue('b', false, 5)
    expect(sent).toHaveLength(1)
    scheduler.setRate(null)
    expect(sent).toHaveLength(10)
    expect(scheduler.queuedBlocks).toBe(0)
    expect(clock.pendingTimers).toBe(0)
    enqueue('b', false, 3)
    expect(sent).toHaveLength(13)
  })

  it('follows a new rate without waiting for the old timer', () => {
    const { clock, scheduler, sent, enqueue } = setup(BLOCK / 10)
    enqueue('a', false, 50)
    expect(sent).toHaveLength(1)
    scheduler.setRate(10 * BLOCK)
    clock.advance(1_000)
    expect(sent).toHaveLength(11)
  })

  it('refuses blocks beyond the per-connection cap, without touching other connections', () => {
    const { scheduler, enqueue } = setup(BLOCK)
    // The first block leaves at once (full bucket), so the queue holds the cap after one more.
    expect(enqueue('flood', false, MAX_QUEUED_PER_CONNECTION + 10)).toBe(MAX_QUEUED_PER_CONNECTION + 1)
    expect(scheduler.queuedBlocks).toBe(MAX_QUEUED_PER_CONNECTION)
    expect(enqueue('other', false, 3)).toBe(3)
  })

  it('rejects a rate that is not a positive number', () => {
    const { scheduler } = setup(null)
    expect(() => scheduler.setRate(0)).toThrow(RangeError)
    expect(() => scheduler.setRate(Number.NaN)).toThrow(RangeError)
    expect(scheduler.paced).toBe(false)
  })
})

/** A small deterministic generator (mulberry32), so that a failing scenario can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}
