import { describe, expect, it } from 'vitest'
import {
  EXPIRATION_MARGIN_MS,
  advance,
  canMove,
  createIntent,
  reconcileAction,
  type Receipt,
  type SignedTransaction,
} from './receipt'
import {
  csvField,
  paidKey,
  paidToPeers,
  receiptsToCsv,
  receiptsToJson,
  totalsByAddress,
  totalsByTorrent,
} from './receipt-report'

const ALICE = 'TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC'
const BOB = 'TQKLs3GzCNLjzyCvaPWSrqcpUGUhadxm7P'

function intent(amountSun = 1_500_000, to = BOB): Receipt {
  return createIntent(
    {
      networkId: 'devnet',
      chainId: '0xde7e7e70',
      nodeUrl: 'http://127.0.0.1:8090',
      from: ALICE,
      to,
      amountSun,
    },
    crypto.randomUUID(),
    1_000,
  )
}

const EXPIRATION = 100_000
const signedTx: SignedTransaction = {
  txID: 'aa'.repeat(32),
  raw_data: { expiration: EXPIRATION, timestamp: 40_000 },
  raw_data_hex: '00',
  signature: ['bb'.repeat(65)],
}

function signed(): Receipt {
  return advance(intent(), 'signed', {
    txId: signedTx.txID,
    signedTransaction: signedTx,
    expiration: EXPIRATION,
  })
}

describe('receipt lifecycle', () => {
  it('moves forward only', () => {
    expect(canMove('intent', 'signed')).toBe(true)
    expect(canMove('signed', 'broadcast')).toBe(true)
    expect(canMove('broadcast', 'confirmed')).toBe(true)
    expect(canMove('confirmed', 'broadcast')).toBe(false)
    expect(canMove('failed', 'signed')).toBe(false)
    expect(canMove('intent', 'broadcast')).toBe(false)
    expect(() => advance(advance(signed(), 'confirmed'), 'failed')).toThrow(/cannot go from confirmed/)
  })

  it('refuses amounts that are not positive integers of sun', () => {
    expect(() => intent(1.5)).toThrow(RangeError)
    expect(() => intent(0)).toThrow(RangeError)
  })
})

describe('reconcileAction', () => {
  it('fails an intent that never got a signature: nothing can have been paid', () => {
    expect(reconcileAction(intent(), null).kind).toBe('fail')
  })

  it('confirms what is on chain and waits for what is in a block but not yet solid', () => {
    expect(
      reconcileAction(signed(), { kind: 'confirmed', feeSun: 0, blockNumber: 9, succeeded: true }),
    ).toEqual({
      kind: 'confirm',
      feeSun: 0,
      blockNumber: 9,
    })
    expect(reconcileAction(signed(), { kind: 'in-block' }).kind).toBe('none')
    expect(
      reconcileAction(signed(), { kind: 'confirmed', feeSun: 0, blockNumber: 9, succeeded: false }).kind,
    ).toBe('fail')
  })

  it('rebroadcasts an unknown transaction until it expires, then waits for solidified blocks 60 s past expiry (issue 16, M5)', () => {
    const at = (solidBlockTime: number) => reconcileAction(signed(), { kind: 'unknown', solidBlockTime }).kind
    expect(EXPIRATION_MARGIN_MS).toBeGreaterThanOrEqual(60_000)
    expect(at(EXPIRATION - 1)).toBe('rebroadcast')
    // Expired but possibly in a block not solid yet, or on a backend ahead of this one: wait.
    expect(at(EXPIRATION + 1)).toBe('none')
    expect(at(EXPIRATION + 30_000)).toBe('none')
    // Only then is it a candidate for failure, to be confirmed by a second lookup.
    expect(at(EXPIRATION + EXPIRATION_MARGIN_MS + 1)).toBe('expired')
  })

  it('leaves finished receipts alone', () => {
    const done = advance(signed(), 'confirmed', { feeSun: 0 })
    expect(reconcileAction(done, { kind: 'unknown', solidBlockTime: 1e12 }).kind).toBe('none')
  })
})

describe('receipt reports', () => {
  const torrent = { infoHash: 'ab'.repeat(20), name: '=HYPERLINK("http://x")' }
  const receipts: Receipt[] = [
    advance(signed(), 'confirmed', { feeSun: 268_000, torrent }),
    advance(signed(), 'confirmed', { feeSun: 0, torrent }),
    advance(intent(2_000_000, ALICE), 'failed', { error: { code: 'walletError.declined', params: {} } }),
  ]

  it('totals confirmed payments per torrent and per address', () => {
    expect(totalsByTorrent(receipts)).toEqual([
      { key: torrent.infoHash, label: torrent.name, count: 2, paidSun: 3_000_000, feeSun: 268_000 },
    ])
    expect(totalsByAddress(receipts).map((total) => [total.label, total.paidSun])).toEqual([[BOB, 3_000_000]])
  })

  it("sums what each peer was paid by peer id and address: a peer id alone does not take another address's tips", () => {
    const peer = 'dd'.repeat(20)
    const paid = paidToPeers(
      [
        advance(signed(), 'confirmed', { torrent, peer }),
        advance(
          advance(intent(500_000, ALICE), 'signed', {
            txId: 'cc'.repeat(32),
            signedTransaction: signedTx,
            expiration: EXPIRATION,
          }),
          'confirmed',
          { torrent, peer },
        ),
      ],
      torrent.infoHash,
    )
    expect(paid.get(paidKey(peer, BOB))).toBe(1_500_000)
    expect(paid.get(paidKey(peer, ALICE))).toBe(500_000)
  })

  it('exports CSV with defused formulas and exact amounts', () => {
    const csv = receiptsToCsv(receipts)
    const lines = csv.trim().split('\r\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^date,status,purpose,network,torrent/)
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`)
    expect(lines[1]).toContain(',1.5,1500000,268000,')
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('-1')).toBe("'-1")
  })

  it('exports JSON that reads back to the same receipts, their errors in English', () => {
    const parsed = JSON.parse(receiptsToJson(receipts, 0)) as {
      format: string
      version: number
      receipts: unknown
    }
    expect(parsed.format).toBe('tipping-torrent-receipts')
    expect(parsed.version).toBe(1)
    expect(parsed.receipts).toEqual(
      receipts.map((receipt) => ({
        ...receipt,
        error: receipt.error ? 'The request was declined in TronLink: nothing was paid.' : null,
      })),
    )
  })
})
