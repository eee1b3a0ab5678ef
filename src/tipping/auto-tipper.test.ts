/**
 * The auto-tipper's rounds: who is paid, and when billed bytes are given back. Faked: its deps (the
 * peers owed something, a scripted `pay` that reports the receipt it creates and may then reject,
 * the receipts list, the fee, account activation). Each `settle()` runs one end-of-session round.
 * Rates are realistic: 20 TRX per GB. Payable connections are plain records, as the peer ledger gives them.
 */
/* eslint-disable @typescript-eslint/require-await -- the fake pay answers at once, behind the port's async signature */
import { describe, expect, it } from 'vitest'
import { advance, createIntent, type Receipt } from '../tron/receipt'
import type { TipRequest } from '../tron/tip-pipeline'
import { WalletProblemError } from '../tron/wallet-errors'
import { AutoTipper, type AutoTipperDeps } from './auto-tipper'
import type { PayablePeer } from './peer-ledger'
import { createSession, type TippingSession } from './session'

const OWNER = 'TOwner1111111111111111111111111111'
const SESSION_WALLET = 'TSession111111111111111111111111111'
const BOB = 'TBob111111111111111111111111111111'
const CAROL = 'TCarol11111111111111111111111111111'
const RATE_SUN_PER_GB = 20_000_000
const FEE_SUN = 268_000
/** 50 MB at 20 TRX per GB: 1 TRX, worth paying at the end of a session. */
const BYTES = 50_000_000
const OWED_SUN = 1_000_000

function session(): TippingSession {
  return createSession(
    {
      networkId: 'devnet',
      chainId: '0xde7e7e70',
      nodeUrl: 'http://node.test',
      owner: OWNER,
      rateSunPerGB: RATE_SUN_PER_GB,
      budgetSun: 50_000_000,
    },
    { address: SESSION_WALLET, privateKey: 'key' },
    '00000000-0000-0000-0000-0000000000s1',
    0,
  )
}

/** A payable connection; its handle is its peer id here, as each peer id has one connection. */
function peer(address: string, peerId = address, verifiedBytes = BYTES): PayablePeer {
  return { infoHash: 'ab'.repeat(20), connection: peerId, peerId, address, verifiedBytes }
}

type Outcome = 'confirmed' | 'reject-after-signing' | 'reject-before-signing' | 'throw-without-receipt'

/** Deps whose `pay` creates a receipt from the session wallet and ends as `outcome(request)` says. */
function harness(peers: PayablePeer[], outcome: (request: TipRequest) => Outcome = () => 'confirmed') {
  const receipts: Receipt[] = []
  const paid: TipRequest[] = []
  const put = (receipt: Receipt) => {
    const index = receipts.findIndex((existing) => existing.id === receipt.id)
    if (index === -1) receipts.push(receipt)
    else receipts[index] = receipt
  }
  const deps: AutoTipperDeps = {
    peers: () => peers,
    async pay(request, onReceipt) {
      paid.push(request)
      const kind = outcome(request)
      if (kind === 'throw-without-receipt') throw new Error('Request failed with status code 403')
      let receipt = createIntent(
        { networkId: 'devnet', chainId: '0xde7e7e70', nodeUrl: 'n', from: SESSION_WALLET, ...request },
        `00000000-0000-0000-0000-${String(receipts.length + 1).padStart(12, '0')}`,
        1,
      )
      put(receipt)
      onReceipt?.(receipt)
      if (kind === 'reject-before-signing') {
        receipt = advance(receipt, 'failed', {}, 2)
        put(receipt)
        onReceipt?.(receipt)
        throw new WalletProblemError('rejected', 'declined')
      }
      receipt = advance(receipt, 'signed', { txId: `tx-${receipt.id}`, expiration: 60_000 }, 2)
      put(receipt)
      onReceipt?.(receipt)
      // After the broadcast, an error the payment workflow did not absorb (a bug, a broken store).
      if (kind === 'reject-after-signing') throw new Error('Request failed with status code 403')
      receipt = advance(receipt, 'confirmed', { feeSun: FEE_SUN }, 3)
      put(receipt)
      return receipt
    },
    receipts: () => receipts,
    transferFeeSun: () => Promise.resolve(FEE_SUN),
    isActivated: () => Promise.resolve(true),
    torrentName: () => 'Film',
    onExhausted: () => {},
  }
  return { deps, receipts, paid, put }
}

describe('billed bytes come back only when the receipt created for them is final `failed` (issue 16, H2)', () => {
  it('a payment that rejects after its transaction was signed is not paid again while its receipt may land', async () => {
    const { deps, receipts, paid, put } = harness([peer(BOB)], () => 'reject-after-signing')
    const tipper = new AutoTipper(session(), deps)
    await tipper.settle()
    await tipper.settle()
    await tipper.settle()
    expect(paid).toHaveLength(1)
    expect(tipper.unpaidSun('ab'.repeat(20), BOB, BYTES)).toBe(0)

    // Only once the chain proves the transaction can never land (expired) are the bytes owed again.
    put(advance(receipts[0]!, 'failed', {}, 4))
    expect(tipper.unpaidSun('ab'.repeat(20), BOB, BYTES)).toBe(OWED_SUN)
    await tipper.settle()
    expect(paid).toHaveLength(2)
    expect(paid[1]?.amountSun).toBe(OWED_SUN)
  })

  it('the same after a confirmed receipt: paid once, whatever the promise said', async () => {
    const { deps, receipts, paid, put } = harness([peer(BOB)], () => 'reject-after-signing')
    const tipper = new AutoTipper(session(), deps)
    await tipper.settle()
    put(advance(receipts[0]!, 'confirmed', { feeSun: FEE_SUN }, 4))
    await tipper.settle()
    expect(paid).toHaveLength(1)
  })

  it('refused before signing (the signature declined): the bytes are owed again at once', async () => {
    let calls = 0
    const { deps, paid } = harness([peer(BOB)], () => (++calls === 1 ? 'reject-before-signing' : 'confirmed'))
    const tipper = new AutoTipper(session(), deps)
    await tipper.settle()
    await tipper.settle()
    expect(paid).toHaveLength(2)
    expect(tipper.unpaidSun('ab'.repeat(20), BOB, BYTES)).toBe(0)
  })

  it('an error before any receipt exists (the transfer could not be built): owed again at once', async () => {
    let calls = 0
    const { deps, paid } = harness([peer(BOB)], () => (++calls === 1 ? 'throw-without-receipt' : 'confirmed'))
    const tipper = new AutoTipper(session(), deps)
    await tipper.settle()
    await tipper.settle()
    expect(paid).toHaveLength(2)
  })
})

describe('one peer never blocks the others (issue 16, M8)', () => {
  it('an error paying one peer: the round goes on and pays the next, End session included', async () => {
    const { deps, paid } = harness([peer(BOB), peer(CAROL)], (request) =>
      request.to === BOB ? 'throw-without-receipt' : 'confirmed',
    )
    const tipper = new AutoTipper(session(), deps)
    await tipper.settle()
    expect(paid.map((request) => request.to)).toEqual([BOB, CAROL])
  })

  it('a peer that proved the session wallet or the owner as its address is never paid; the others are', async () => {
    const { deps, paid } = harness([peer(SESSION_WALLET, 'p1'), peer(OWNER, 'p2'), peer(CAROL, 'p3')])
    const tipper = new AutoTipper(session(), deps)
    await tipper.settle()
    expect(paid.map((request) => request.to)).toEqual([CAROL])
  })
})

describe('billing is per connection, never per declared peer id (issue 16, H1)', () => {
  it('a second connection declaring a paid peer id is billed apart, at its own address, for its own bytes', async () => {
    const uploader: PayablePeer = { ...peer(BOB, 'dd'.repeat(20)), connection: 'c1' }
    let peers = [uploader]
    const { deps, paid } = harness([])
    const tipper = new AutoTipper(session(), { ...deps, peers: () => peers })
    await tipper.settle()
    expect(paid.map((request) => [request.to, request.amountSun])).toEqual([[BOB, OWED_SUN]])

    // The same declared id on another connection, which sent 30 MB of its own.
    const other: PayablePeer = { ...uploader, connection: 'c2', address: CAROL, verifiedBytes: 30_000_000 }
    peers = [uploader, other]
    await tipper.settle()
    expect(paid.map((request) => [request.to, request.amountSun])).toEqual([
      [BOB, OWED_SUN],
      [CAROL, 600_000],
    ])
    expect(tipper.unpaidSun(uploader.infoHash, 'c1', BYTES)).toBe(0)
    expect(tipper.unpaidSun(uploader.infoHash, 'c2', BYTES)).toBe(400_000)
  })
})
