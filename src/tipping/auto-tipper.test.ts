/**
 * The auto-tipper's billing key. Faked: the payable connections (plain records, as the peer ledger
 * gives them), `pay` (records the request and answers a confirmed receipt) and the fee; no chain.
 */
import { describe, expect, it } from 'vitest'
import type { Receipt } from '../tron/receipt'
import type { TipRequest } from '../tron/tip-pipeline'
import { AutoTipper } from './auto-tipper'
import type { PayablePeer } from './peer-ledger'
import type { TippingSession } from './session'

const MB = 1_000_000
const session: TippingSession = {
  id: 's1',
  createdAt: 0,
  updatedAt: 0,
  status: 'active',
  networkId: 'devnet',
  chainId: '0xde7e7e70',
  nodeUrl: 'http://127.0.0.1:9',
  owner: 'TOwner',
  wallet: { address: 'TSession', privateKey: '11'.repeat(32) },
  rateSunPerGB: 10_000_000, // 10 TRX per GB
  budgetSun: 50_000_000,
  fundingTxId: 'f'.repeat(64),
  note: null,
}

function tipperWith(peers: () => PayablePeer[]) {
  const paid: TipRequest[] = []
  const tipper = new AutoTipper(session, {
    peers,
    pay: (request) => {
      paid.push(request)
      return Promise.resolve({ status: 'confirmed', amountSun: request.amountSun } as Receipt)
    },
    receipts: () => [],
    transferFeeSun: () => Promise.resolve(268_000),
    isActivated: () => Promise.resolve(true),
    torrentName: () => 'video.mp4',
    onExhausted: () => undefined,
  })
  return { tipper, paid }
}

describe('billing is per connection (H1)', () => {
  it('a second connection declaring a paid peer id is billed apart, at its own address, for its own bytes', async () => {
    const uploader: PayablePeer = {
      infoHash: 'ab'.repeat(20),
      connection: 'c1',
      peerId: 'dd'.repeat(20),
      address: 'TUploader',
      verifiedBytes: 400 * MB,
    }
    let peers = [uploader]
    const { tipper, paid } = tipperWith(() => peers)
    await tipper.settle()
    expect(paid.map((request) => [request.to, request.amountSun])).toEqual([['TUploader', 4_000_000]])

    // Same declared id on another connection, which sent 300 MB of its own.
    const other: PayablePeer = { ...uploader, connection: 'c2', address: 'TOther', verifiedBytes: 300 * MB }
    peers = [uploader, other]
    await tipper.settle()
    expect(paid.map((request) => [request.to, request.amountSun])).toEqual([
      ['TUploader', 4_000_000],
      ['TOther', 3_000_000],
    ])
    expect(tipper.unpaidSun(uploader.infoHash, 'c1', uploader.verifiedBytes)).toBe(0)
    expect(tipper.unpaidSun(uploader.infoHash, 'c2', 500 * MB)).toBe(2_000_000)
  })
})
