/**
 * Tips over time, for the charts: TRX per calendar day (the Receipts page) and the running total for
 * one torrent (its details). Only confirmed tips count, as in the totals tables: a pending or failed
 * tip paid nobody, and moving money into or out of a tipping session is not a tip. Sums are integer
 * sun (sumSun refuses anything else), so a day's total is exact.
 */
import { sumSun } from './amounts'
import type { ReceivedTip } from './received-tip'
import type { Receipt } from './receipt'

export interface DayTotal {
  /** The local calendar day, YYYY-MM-DD. */
  day: string
  /** Local midnight that starts the day (epoch ms), for formatting the date. */
  start: number
  sentSun: number
  receivedSun: number
}

function isPaidTip(receipt: Receipt): boolean {
  return receipt.status === 'confirmed' && !receipt.purpose
}

function startOfLocalDay(epochMs: number): Date {
  const date = new Date(epochMs)
  return new Date(date.getFullYear(), date.getMonth(), date.getDate())
}

/** The calendar day where the user is: a tip at 00:30 belongs to that day, not to UTC's yesterday. */
export function localDayKey(epochMs: number): string {
  const date = new Date(epochMs)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/**
 * One entry per day from the first tip to the last (quiet days included, so bars keep their place in
 * time), at most `maxDays` days ending with the latest. Empty when nothing was tipped.
 */
export function dailyTotals(
  receipts: readonly Receipt[],
  received: readonly ReceivedTip[],
  maxDays = 31,
): DayTotal[] {
  const sent = new Map<string, number>()
  const got = new Map<string, number>()
  let min = Infinity
  let max = -Infinity
  const add = (map: Map<string, number>, at: number, sun: number) => {
    const key = localDayKey(at)
    map.set(key, sumSun([map.get(key) ?? 0, sun]))
    min = Math.min(min, at)
    max = Math.max(max, at)
  }
  for (const receipt of receipts) if (isPaidTip(receipt)) add(sent, receipt.createdAt, receipt.amountSun)
  for (const tip of received) add(got, tip.at, tip.amountSun)
  if (max === -Infinity) return []

  const last = startOfLocalDay(max)
  const first = startOfLocalDay(min)
  // Stepping by calendar date, not by 24 h: days are 23 or 25 hours long when the clocks change.
  const earliest = new Date(last.getFullYear(), last.getMonth(), last.getDate() - (maxDays - 1))
  let day = first < earliest ? earliest : first
  const days: DayTotal[] = []
  while (day <= last) {
    const key = localDayKey(day.getTime())
    days.push({
      day: key,
      start: day.getTime(),
      sentSun: sent.get(key) ?? 0,
      receivedSun: got.get(key) ?? 0,
    })
    day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1)
  }
  return days
}

export interface TipStep {
  at: number
  /** Running totals up to and including this moment. */
  sentSun: number
  receivedSun: number
}

/** The running totals of tips sent and received for one torrent, one step per tip, oldest first. */
export function cumulativeTips(
  receipts: readonly Receipt[],
  received: readonly ReceivedTip[],
  infoHash: string,
): TipStep[] {
  const events: { at: number; sent: number; received: number }[] = []
  for (const receipt of receipts) {
    if (isPaidTip(receipt) && receipt.torrent?.infoHash === infoHash)
      events.push({ at: receipt.createdAt, sent: receipt.amountSun, received: 0 })
  }
  for (const tip of received) {
    if (tip.infoHash === infoHash) events.push({ at: tip.at, sent: 0, received: tip.amountSun })
  }
  events.sort((a, b) => a.at - b.at)
  let sentSun = 0
  let receivedSun = 0
  return events.map((event) => {
    sentSun = sumSun([sentSun, event.sent])
    receivedSun = sumSun([receivedSun, event.received])
    return { at: event.at, sentSun, receivedSun }
  })
}
