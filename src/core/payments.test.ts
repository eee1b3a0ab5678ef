/**
 * The payment workflow against every answer a node and a signer can give. Faked: the TRON node
 * (ScriptedChain: scripted broadcast and lookup answers, HTTP errors as axios reports them, txIDs
 * shared by identical transfers of one block when asked, a raw_data check), the signer (a wallet or a
 * session key, which may return other raw_data), the receipt repository (a map whose writes can
 * fail), the locks and the clock (time jumps on each sleep). Nothing else is replaced.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { NodeBusyError } from '../tron/chain'
import { EXPIRATION_MARGIN_MS, createIntent, type Receipt } from '../tron/receipt'
import { WalletProblemError } from '../tron/wallet-errors'
import { Payments, type PaymentEvent } from './payments'
import {
  EXPIRATION_MS,
  FakeLocks,
  FakeSigner,
  JumpingClock,
  MemoryReceipts,
  NODE,
  OWNER,
  PEER,
  ScriptedChain,
  connection,
  httpError,
  networkError,
} from '../testing/money-fakes'

let clock: JumpingClock
let chain: ScriptedChain
let repository: MemoryReceipts
let locks: FakeLocks
let signer: FakeSigner
let payments: Payments
let events: PaymentEvent[]

beforeEach(() => {
  clock = new JumpingClock()
  chain = new ScriptedChain(clock)
  chain.balances.set(OWNER, 100_000_000)
  repository = new MemoryReceipts()
  locks = new FakeLocks()
  signer = new FakeSigner()
  payments = new Payments({ chain, receipts: repository, locks, clock })
  events = []
  payments.subscribe((event) => events.push(event))
})

const tip = {
  to: PEER,
  amountSun: 1_000_000,
  torrent: { infoHash: 'ab'.repeat(20), name: 'Film' },
  peer: 'p1',
}
const confirmedEvents = () => events.filter((event) => event.type === 'confirmed')
const statuses = () => repository.puts.map((receipt) => receipt.status)

describe('paying', () => {
  it('accepted: stores the intent before signing, the signed transaction before broadcast, then confirms once', async () => {
    signer.onSign = () => expect(statuses()).toEqual(['intent'])
    chain.broadcastAnswers = [
      () => {
        const stored = [...repository.records.values()][0]!
        expect(stored.status).toBe('signed')
        expect(stored.signedTransaction?.txID).toBe('tx-1')
        return { kind: 'accepted' }
      },
    ]
    const receipt = await payments.pay(connection(), signer, tip)
    expect(receipt).toMatchObject({ status: 'confirmed', txId: 'tx-1', feeSun: chain.feeSun, error: null })
    expect(statuses()).toEqual(['intent', 'signed', 'broadcast', 'confirmed'])
    expect(confirmedEvents()).toHaveLength(1)
    expect(chain.accepted.size).toBe(1)
    expect(payments.all).toEqual([receipt])
  })

  it('refused: the receipt fails with the code, nothing was paid, nobody is told', async () => {
    chain.broadcastAnswers = [{ kind: 'refused', code: 'SIGERROR', message: 'bad signature' }]
    const receipt = await payments.pay(connection(), signer, tip)
    expect(receipt.status).toBe('failed')
    expect(receipt.error).toEqual({
      code: 'tip.refused',
      params: { code: 'SIGERROR', message: 'bad signature' },
    })
    expect(confirmedEvents()).toHaveLength(0)
    expect(chain.accepted.size).toBe(0)
  })

  it('duplicate (the node already has it): counts as accepted and confirms', async () => {
    // The adapter maps DUP_TRANSACTION_ERROR to accepted; the chain shows it confirmed.
    chain.viewAnswers = [{ kind: 'confirmed', feeSun: 0, blockNumber: 9, succeeded: true }]
    const receipt = await payments.pay(connection(), signer, tip)
    expect(receipt).toMatchObject({ status: 'confirmed', blockNumber: 9 })
    expect(chain.broadcasts).toHaveLength(1)
  })

  it('included but failed on chain: the receipt fails', async () => {
    chain.viewAnswers = [{ kind: 'confirmed', feeSun: 100, blockNumber: 9, succeeded: false }]
    const receipt = await payments.pay(connection(), signer, tip)
    expect(receipt.status).toBe('failed')
    expect(receipt.error?.code).toBe('receipt.failedOnChain')
    expect(confirmedEvents()).toHaveLength(0)
  })

  it('unknown to the chain before expiry: rebroadcast, still one payment', async () => {
    chain.broadcastAnswers = [{ kind: 'accepted' }]
    chain.viewAnswers = [
      () => ({ kind: 'unknown', solidBlockTime: clock.now() }),
      { kind: 'in-block' },
      { kind: 'confirmed', feeSun: 0, blockNumber: 3, succeeded: true },
    ]
    const receipt = await payments.pay(connection(), signer, tip)
    expect(receipt.status).toBe('confirmed')
    expect(chain.broadcasts).toHaveLength(2)
    expect(new Set(chain.broadcasts.map((tx) => tx.txID))).toEqual(new Set(['tx-1']))
    expect(signer.signed).toBe(1)
  })

  it('expired without reaching the chain (solidified blocks past the margin, still unknown on a re-check): fails, never signed again', async () => {
    const pastExpiry = () => ({
      kind: 'unknown' as const,
      solidBlockTime: clock.now() + EXPIRATION_MS + EXPIRATION_MARGIN_MS + 1,
    })
    chain.viewAnswers = [pastExpiry, pastExpiry]
    const receipt = await payments.pay(connection(), signer, tip)
    expect(receipt.status).toBe('failed')
    expect(receipt.error?.code).toBe('receipt.expired')
    expect(signer.signed).toBe(1)
  })

  it('node down before broadcast (building the transfer): rejects, nothing stored, nothing signed', async () => {
    chain.buildError = new WalletProblemError('node-unreachable', 'down')
    await expect(payments.pay(connection(), signer, tip)).rejects.toThrow('down')
    expect(repository.puts).toHaveLength(0)
    expect(signer.signed).toBe(0)
  })

  it('node down after signing: the receipt keeps its signed transaction, says it retries, then confirms', async () => {
    const seen: Receipt[] = []
    chain.broadcastAnswers = [networkError(), networkError(), { kind: 'accepted' }]
    const receipt = await payments.pay(connection(), signer, tip, (update) => seen.push(update))
    expect(receipt.status).toBe('confirmed')
    const retrying = seen.find((update) => update.error?.code === 'tip.nodeRetrying')
    expect(retrying?.status).toBe('signed')
    expect(retrying?.signedTransaction?.txID).toBe('tx-1')
    expect(retrying?.error?.params).toEqual({ url: NODE })
    expect(seen.some((update) => update.status === 'failed')).toBe(false)
    expect(chain.accepted.size).toBe(1)
  })

  it('node down after the broadcast (busy, then unreachable while following): never failed, never paid again', async () => {
    chain.broadcastAnswers = [new NodeBusyError('SERVER_BUSY', 'busy'), { kind: 'accepted' }]
    chain.viewAnswers = [
      networkError(),
      networkError(),
      { kind: 'confirmed', feeSun: 1, blockNumber: 2, succeeded: true },
    ]
    const receipt = await payments.pay(connection(), signer, tip)
    expect(receipt.status).toBe('confirmed')
    expect(statuses()).not.toContain('failed')
    expect(signer.signed).toBe(1)
    // Waits grow while the node is away.
    expect(clock.sleeps).toBeGreaterThanOrEqual(3)
  })

  it('the first copy delivered but its answer lost, the resend refused as expired: asked by txID, confirmed', async () => {
    // java-tron checks expiration before duplicates: a resend of a transfer that landed, made after
    // it expired, is refused TRANSACTION_EXPIRATION_ERROR although the money moved (issue H3).
    chain.broadcastAnswers = [
      () => {
        chain.accepted.set('tx-1', { from: OWNER, to: PEER, amountSun: tip.amountSun })
        throw networkError()
      },
      { kind: 'refused', code: 'TRANSACTION_EXPIRATION_ERROR', message: 'Transaction expired' },
    ]
    const receipt = await payments.pay(connection(), signer, tip)
    expect(receipt.status).toBe('confirmed')
    expect(statuses()).not.toContain('failed')
    expect(confirmedEvents()).toHaveLength(1)
  })

  it('the signer rejects: the receipt fails, nothing is broadcast', async () => {
    signer.mode = 'reject'
    const failure = payments.pay(connection(), signer, tip)
    await expect(failure).rejects.toMatchObject({ problem: 'rejected' })
    expect(statuses()).toEqual(['intent', 'failed'])
    expect(chain.broadcasts).toHaveLength(0)
  })

  it('the signer returns another transaction: the receipt fails, nothing is broadcast', async () => {
    signer.mode = 'other-transaction'
    await expect(payments.pay(connection(), signer, tip)).rejects.toBeInstanceOf(WalletProblemError)
    expect(statuses()).toEqual(['intent', 'failed'])
    expect(chain.broadcasts).toHaveLength(0)
  })

  it('a balance short of amount plus fee: rejects before anything is stored', async () => {
    chain.balances.set(OWNER, 1_000_000)
    await expect(payments.pay(connection(), signer, tip)).rejects.toMatchObject({
      problem: 'insufficient-balance',
    })
    expect(repository.puts).toHaveLength(0)
  })
})

describe('after the broadcast, any error means "unknown, keep following" (issue 16, H2)', () => {
  it('the node rate-limits the lookups (HTTP 403, 429, 503): keeps following, confirms, pays once', async () => {
    chain.viewAnswers = [
      httpError(403),
      httpError(429),
      httpError(503),
      { kind: 'confirmed', feeSun: 0, blockNumber: 4, succeeded: true },
    ]
    const receipt = await payments.pay(connection(), signer, tip)
    expect(receipt.status).toBe('confirmed')
    expect(statuses()).not.toContain('failed')
    expect(chain.broadcasts).toHaveLength(1)
    expect(signer.signed).toBe(1)
  })

  it('a 502 answers the first broadcast after the node took it: asked by txID, not failed, not sent again', async () => {
    chain.broadcastAnswers = [
      () => {
        chain.accepted.set('tx-1', { from: OWNER, to: PEER, amountSun: tip.amountSun })
        throw httpError(502)
      },
      { kind: 'refused', code: 'TRANSACTION_EXPIRATION_ERROR', message: 'Transaction expired' },
    ]
    const receipt = await payments.pay(connection(), signer, tip)
    expect(receipt.status).toBe('confirmed')
    expect(chain.broadcasts).toHaveLength(1)
  })

  it('storing the broadcast status fails (an IndexedDB error): keeps following and confirms', async () => {
    repository.failPut = (receipt) => receipt.status === 'broadcast'
    const receipt = await payments.pay(connection(), signer, tip)
    expect(receipt.status).toBe('confirmed')
    expect(repository.records.get(receipt.id)?.status).toBe('confirmed')
    expect(chain.accepted.size).toBe(1)
  })

  it('a resend refused while the node does not show the first copy yet: not failed, followed until it lands', async () => {
    // The first copy was accepted; a lagging backend says "unknown", the resend is refused (an
    // expired or duplicate copy): only the expiry rule may fail a receipt that may have been sent.
    chain.broadcastAnswers = [
      { kind: 'accepted' },
      { kind: 'refused', code: 'TRANSACTION_EXPIRATION_ERROR', message: 'Transaction expired' },
    ]
    chain.viewAnswers = [
      () => ({ kind: 'unknown', solidBlockTime: clock.now() }),
      () => ({ kind: 'unknown', solidBlockTime: clock.now() }),
      { kind: 'confirmed', feeSun: 0, blockNumber: 8, succeeded: true },
    ]
    const receipt = await payments.pay(connection(), signer, tip)
    expect(receipt.status).toBe('confirmed')
    expect(statuses()).not.toContain('failed')
  })
})

describe('expiry is judged on solidified blocks, 60 s past expiration, and re-checked (issue 16, M5)', () => {
  it('a solidified head 30 s past expiration is not enough: the transfer that lands then is confirmed', async () => {
    chain.broadcastAnswers = [
      { kind: 'accepted' },
      { kind: 'refused', code: 'TRANSACTION_EXPIRATION_ERROR', message: 'Transaction expired' },
    ]
    chain.viewAnswers = [
      () => ({ kind: 'unknown', solidBlockTime: clock.now() + EXPIRATION_MS + 30_000 }),
      { kind: 'confirmed', feeSun: 0, blockNumber: 8, succeeded: true },
    ]
    const receipt = await payments.pay(connection(), signer, tip)
    expect(receipt.status).toBe('confirmed')
  })

  it('past the margin once, then found on the re-check (another backend, a late block): confirmed, not failed', async () => {
    chain.viewAnswers = [
      () => ({ kind: 'unknown', solidBlockTime: clock.now() + EXPIRATION_MS + EXPIRATION_MARGIN_MS + 1 }),
      { kind: 'confirmed', feeSun: 0, blockNumber: 8, succeeded: true },
    ]
    const receipt = await payments.pay(connection(), signer, tip)
    expect(receipt.status).toBe('confirmed')
    expect(statuses()).not.toContain('failed')
    // A transaction past its expiry is not sent again: the chain is asked a second time instead.
    expect(chain.broadcasts).toHaveLength(1)
  })
})

describe('one transaction per receipt (issue 16, L1, L2, L5)', () => {
  it('L1: a transfer identical to one another receipt holds (same block, same txID) is rebuilt with a fresh timestamp', async () => {
    chain.sameBlockIds = true
    const first = await payments.pay(connection(), signer, tip)
    const second = await payments.pay(connection(), signer, tip)
    expect(first.status).toBe('confirmed')
    expect(second.status).toBe('confirmed')
    expect(second.txId).not.toBe(first.txId)
    expect(chain.accepted.size).toBe(2)
    expect(second.signedTransaction?.raw_data.timestamp).toBe(clock.now())
  })

  it('L2: a wallet that returns a JSON raw_data other than its raw_data_hex is refused before any broadcast', async () => {
    signer.mode = 'other-raw-data'
    await expect(payments.pay(connection(), signer, tip)).rejects.toMatchObject({
      message: expect.stringContaining('raw_data') as unknown,
    })
    expect(statuses()).toEqual(['intent', 'failed'])
    expect(repository.puts.at(-1)?.error?.code).toBe('tip.rawDataMismatch')
    expect(chain.broadcasts).toHaveLength(0)
  })

  it("L5: a transfer a person approves in a wallet stays valid for its signer's time; a session key keeps 60 s", async () => {
    const wallet = new FakeSigner()
    wallet.validForMs = 5 * 60_000
    const fromWallet = await payments.pay(connection(), wallet, tip)
    const fromKey = await payments.pay(connection(), signer, tip)
    expect(fromWallet.expiration! - fromWallet.signedTransaction!.raw_data.timestamp).toBe(5 * 60_000)
    expect(fromKey.expiration! - fromKey.signedTransaction!.raw_data.timestamp).toBe(EXPIRATION_MS)
  })
})

describe('after a reload', () => {
  async function crashedAfterSigning(): Promise<Receipt> {
    chain.broadcastAnswers = [() => new Promise<never>(() => {})]
    void payments.pay(connection(), signer, tip)
    await vitestWait(() => statuses().includes('signed'))
    return [...repository.records.values()][0]!
  }

  it('a receipt signed but never broadcast is broadcast once, by txID, with no new signature', async () => {
    await crashedAfterSigning()
    const reloaded = new Payments({ chain, receipts: repository, locks: new FakeLocks(), clock })
    chain.broadcastAnswers = [{ kind: 'accepted' }]
    const errors: unknown[] = []
    await reloaded.load((_receipt, error) => errors.push(error))
    await vitestWait(() => reloaded.all[0]?.status === 'confirmed')
    expect(chain.accepted.size).toBe(1)
    expect(signer.signed).toBe(1)
    expect(errors).toEqual([])
  })

  it('a receipt signed whose transfer landed before the crash is looked up by txID, not sent again', async () => {
    await crashedAfterSigning()
    // The hanging broadcast did reach the chain; a resend now would be refused as expired.
    chain.accepted.set('tx-1', { from: OWNER, to: PEER, amountSun: tip.amountSun })
    chain.broadcastAnswers = [
      { kind: 'refused', code: 'TRANSACTION_EXPIRATION_ERROR', message: 'Transaction expired' },
    ]
    const reloaded = new Payments({ chain, receipts: repository, locks: new FakeLocks(), clock })
    await reloaded.load(() => {})
    await vitestWait(() => reloaded.all[0]?.status !== 'signed')
    expect(reloaded.all[0]?.status).toBe('confirmed')
    expect(chain.broadcasts).toHaveLength(1)
  })

  it('an intent never signed fails as interrupted: nothing is signed or broadcast', async () => {
    const intent = createIntent(
      { networkId: 'devnet', chainId: '0xde7e7e70', nodeUrl: NODE, from: OWNER, to: PEER, amountSun: 5 },
      '00000000-0000-0000-0000-0000000000r1',
      clock.now(),
    )
    await repository.put(intent)
    const followed = await payments.resume('00000000-0000-0000-0000-0000000000r1')
    expect(followed?.status).toBe('failed')
    expect(chain.broadcasts).toHaveLength(0)
  })

  it('a receipt another tab is following is left to it', async () => {
    const signed = await crashedAfterSigning()
    const elsewhere = new FakeLocks()
    elsewhere.held.add(`tip-receipt:${signed.id}`)
    const reloaded = new Payments({ chain, receipts: repository, locks: elsewhere, clock })
    expect(await reloaded.resume(signed.id)).toBeNull()
    expect(chain.broadcasts).toHaveLength(1)
  })
})

async function vitestWait(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 1_000; tries++) {
    if (condition()) return
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  throw new Error('The condition never held')
}
