import { describe, expect, it } from 'vitest'
import type { ReceivedTip } from './received-tip'
import { createIntent, type Receipt } from './receipt'
import { cumulativeTips, dailyTotals, localDayKey } from './tip-series'

const HASH = 'a'.repeat(40)
let nextId = 0

function receipt(at: number, amountSun: number, changes: Partial<Receipt> = {}): Receipt {
  const intent = createIntent(
    {
      networkId: 'devnet',
      chainId: '0x1',
      nodeUrl: 'http://node.invalid',
      from: 'Tfrom',
      to: 'Tto',
      amountSun,
      torrent: { infoHash: HASH, name: 'movie' },
    },
    `00000000-0000-4000-8000-${String(++nextId).padStart(12, '0')}`,
    at,
  )
  return { ...intent, status: 'confirmed', ...changes }
}

function tip(at: number, amountSun: number, infoHash = HASH): ReceivedTip {
  return { txId: `tx-${at}`, at, chainId: '0x1', infoHash, peerId: 'p', from: 'Tpayer', amountSun }
}

/** Local wall-clock times: the days must follow the user's calendar, whatever the machine's zone. */
const local = (month: number, day: number, hour: number, minute = 0) =>
  new Date(2026, month, day, hour, minute).getTime()

describe('localDayKey', () => {
  it('names the local calendar day', () => {
    expect(localDayKey(local(0, 5, 0, 1))).toBe('2026-01-05')
    expect(localDayKey(local(11, 31, 23, 59))).toBe('2026-12-31')
  })
})

describe('dailyTotals', () => {
  it('splits at local midnight and sums integer sun exactly', () => {
    const days = dailyTotals(
      [
        receipt(local(2, 1, 23, 59), 100_000),
        receipt(local(2, 1, 8), 200_001),
        receipt(local(2, 2, 0, 1), 1),
      ],
      [tip(local(2, 2, 12), 5_000_000)],
    )
    expect(days.map(({ day, sentSun, receivedSun }) => ({ day, sentSun, receivedSun }))).toEqual([
      { day: '2026-03-01', sentSun: 300_001, receivedSun: 0 },
      { day: '2026-03-02', sentSun: 1, receivedSun: 5_000_000 },
    ])
    expect(days[0]?.start).toBe(new Date(2026, 2, 1).getTime())
  })

  it('counts only confirmed tips, not pending ones or session funding', () => {
    const days = dailyTotals(
      [
        receipt(local(4, 3, 10), 7),
        receipt(local(4, 3, 11), 1_000, { status: 'broadcast' }),
        receipt(local(4, 3, 12), 1_000, { status: 'failed' }),
        receipt(local(4, 3, 13), 50_000_000, { purpose: 'funding' }),
        receipt(local(4, 3, 14), 40_000_000, { purpose: 'sweep' }),
      ],
      [],
    )
    expect(days.map((day) => day.sentSun)).toEqual([7])
  })

  it('keeps quiet days between tips, calendar days across clock changes', () => {
    // Late March and late October hold the daylight-saving changes in many zones.
    const days = dailyTotals([receipt(local(2, 27, 12), 1), receipt(local(2, 31, 12), 2)], [])
    expect(days.map((day) => day.day)).toEqual([
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
    ])
    expect(days.map((day) => day.sentSun)).toEqual([1, 0, 0, 0, 2])
  })

  it('shows at most maxDays days, ending with the latest', () => {
    const days = dailyTotals([receipt(local(0, 1, 12), 1), receipt(local(1, 15, 12), 2)], [], 10)
    expect(days).toHaveLength(10)
    expect(days[0]?.day).toBe('2026-02-06')
    expect(days.at(-1)?.sentSun).toBe(2)
  })

  it('is empty with no tips', () => {
    expect(dailyTotals([], [])).toEqual([])
  })

  it('refuses amounts that are not integer sun', () => {
    expect(() => dailyTotals([], [tip(local(0, 1, 1), 0.5)])).toThrow(RangeError)
  })
})

describe('cumulativeTips', () => {
  it('runs totals of one torrent, oldest first', () => {
    const steps = cumulativeTips(
      [
        receipt(3000, 30),
        receipt(1000, 10),
        receipt(2000, 99, { torrent: { infoHash: 'b'.repeat(40), name: 'x' } }),
      ],
      [tip(1500, 5), tip(1600, 7, 'c'.repeat(40))],
      HASH,
    )
    expect(steps).toEqual([
      { at: 1000, sentSun: 10, receivedSun: 0 },
      { at: 1500, sentSun: 10, receivedSun: 5 },
      { at: 3000, sentSun: 40, receivedSun: 5 },
    ])
  })
})
