/** Totals and exports of receipts: what the Receipts page shows and what the user downloads. */
import { english } from '../i18n/english'
import { renderStored } from '../i18n/stored-message'
import { t } from '../i18n/translate'
import { sumSun, sunToTrxString } from './amounts'
import { networkById, transactionUrl } from './networks'
import type { Receipt } from './receipt'

export interface Total {
  key: string
  label: string
  count: number
  paidSun: number
  feeSun: number
}

/** Confirmed tips only: a pending or failed tip has not paid anyone, and funding a session is not a tip. */
function totalsBy(receipts: readonly Receipt[], keyOf: (receipt: Receipt) => [string, string]): Total[] {
  const totals = new Map<string, Total>()
  for (const receipt of receipts) {
    if (receipt.status !== 'confirmed' || receipt.purpose) continue
    const [key, label] = keyOf(receipt)
    const total = totals.get(key) ?? { key, label, count: 0, paidSun: 0, feeSun: 0 }
    total.count += 1
    total.paidSun = sumSun([total.paidSun, receipt.amountSun])
    total.feeSun = sumSun([total.feeSun, receipt.feeSun ?? 0])
    totals.set(key, total)
  }
  return [...totals.values()].sort((a, b) => b.paidSun - a.paidSun)
}

/**
 * Confirmed tips to each peer of one torrent, manual and automatic, keyed by `paidKey`: the peer id
 * and the address paid, since a peer id alone is whatever a remote declares.
 */
export function paidToPeers(receipts: readonly Receipt[], infoHash: string): Map<string, number> {
  const paid = new Map<string, number>()
  for (const receipt of receipts) {
    if (receipt.status !== 'confirmed' || receipt.purpose || receipt.torrent?.infoHash !== infoHash) continue
    if (!receipt.peer) continue
    const key = paidKey(receipt.peer, receipt.to)
    paid.set(key, sumSun([paid.get(key) ?? 0, receipt.amountSun]))
  }
  return paid
}

export function paidKey(peerId: string, address: string): string {
  return `${peerId} ${address}`
}

export function totalsByTorrent(receipts: readonly Receipt[]): Total[] {
  return totalsBy(receipts, (receipt) =>
    receipt.torrent ? [receipt.torrent.infoHash, receipt.torrent.name] : ['', t('receipts.directTip')],
  )
}

export function totalsByAddress(receipts: readonly Receipt[]): Total[] {
  return totalsBy(receipts, (receipt) => [`${receipt.networkId}:${receipt.to}`, receipt.to])
}

export function explorerLink(receipt: Receipt): string | null {
  return receipt.txId ? transactionUrl(networkById(receipt.networkId), receipt.txId, receipt.nodeUrl) : null
}

const CSV_COLUMNS = [
  'date',
  'status',
  'purpose',
  'network',
  'torrent',
  'info_hash',
  'peer',
  'from',
  'to',
  'amount_trx',
  'amount_sun',
  'fee_sun',
  'txid',
  'block',
  'explorer',
  'error',
] as const

export function receiptsToCsv(receipts: readonly Receipt[]): string {
  const rows = receipts.map((receipt) => [
    new Date(receipt.createdAt).toISOString(),
    receipt.status,
    receipt.purpose ?? 'tip',
    receipt.networkId,
    receipt.torrent?.name ?? '',
    receipt.torrent?.infoHash ?? '',
    receipt.peer ?? '',
    receipt.from,
    receipt.to,
    sunToTrxString(receipt.amountSun),
    String(receipt.amountSun),
    receipt.feeSun === null ? '' : String(receipt.feeSun),
    receipt.txId ?? '',
    receipt.blockNumber === null ? '' : String(receipt.blockNumber),
    explorerLink(receipt) ?? '',
    englishError(receipt) ?? '',
  ])
  return [CSV_COLUMNS.join(','), ...rows.map((row) => row.map(csvField).join(','))].join('\r\n') + '\r\n'
}

/**
 * Quotes a field, and defuses formulas: a torrent name comes from a stranger, and a spreadsheet
 * would run "=HYPERLINK(...)" typed into it.
 */
export function csvField(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused
}

/** Exports are in English whatever language the page speaks: they are read by tools and support. */
function englishError(receipt: Receipt): string | null {
  return receipt.error
    ? renderStored(receipt.error, english, english, (sun) => `${sunToTrxString(sun)} TRX`)
    : null
}

export const RECEIPTS_EXPORT_FORMAT = 'tipping-torrent-receipts'

export function receiptsToJson(receipts: readonly Receipt[], now = Date.now()): string {
  return JSON.stringify(
    {
      format: RECEIPTS_EXPORT_FORMAT,
      version: 1,
      exportedAt: new Date(now).toISOString(),
      receipts: receipts.map((receipt) => ({ ...receipt, error: englishError(receipt) })),
    },
    null,
    2,
  )
}
