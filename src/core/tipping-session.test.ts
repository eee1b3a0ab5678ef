/**
 * The tipping session lifecycle, interrupted at each stored status and resumed by a new page load.
 * Faked: the TRON node (ScriptedChain: transfers move balances, lookups confirm what it accepted),
 * the user's signer and session keys (FakeSigner, FakeKeys), the receipt and session repositories
 * (maps), the locks and the clock (time jumps on each sleep). No peer is payable, so automatic tips
 * never pay in these tests: what is tested is the lifecycle around them.
 */
import { stored } from '../i18n/stored-message'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { advanceSession, createSession, type TippingSession } from '../tipping/session'
import { advance, createIntent, type Receipt } from '../tron/receipt'
import { Payments } from './payments'
import { TippingSessions, walletLockName, type SessionEvent } from './tipping-session'
import {
  FakeKeys,
  FakeLocks,
  FakeSigner,
  FakeStorage,
  JumpingClock,
  MemoryReceipts,
  MemorySessions,
  NODE,
  OWNER,
  ScriptedChain,
  connection,
} from '../testing/money-fakes'

const BUDGET = 10_000_000
/** The Settings' default cap: 100 TRX. */
const MAX_BUDGET = 100_000_000
const REFUSED = stored('tip.refused', { code: 'SIGERROR', message: 'bad signature' })
const SESSION_ID = '00000000-0000-0000-0000-0000000000s1'
const SESSION_WALLET = { address: 'TSessionOld1111111111111111111111', privateKey: 'old-key' }

let clock: JumpingClock
let chain: ScriptedChain
let receipts: MemoryReceipts
let sessions: MemorySessions
let keys: FakeKeys
let locks: FakeLocks
let storage: FakeStorage
let running: TippingSessions[]

beforeEach(() => {
  clock = new JumpingClock()
  chain = new ScriptedChain(clock)
  chain.balances.set(OWNER, 100_000_000)
  receipts = new MemoryReceipts()
  sessions = new MemorySessions()
  keys = new FakeKeys()
  locks = new FakeLocks()
  storage = new FakeStorage()
  running = []
})

afterEach(() => {
  for (const core of running) core.dispose()
})

/** A new page load: fresh cores over the same repositories and chain. */
async function pageLoad(pageLocks = locks) {
  const payments = new Payments({ chain, receipts, locks: pageLocks, clock })
  const core = new TippingSessions({
    payments,
    chain,
    sessions,
    keys,
    locks: pageLocks,
    clock,
    storage,
    origin: 'https://tipping.test',
    payablePeers: () => [],
    torrentName: (infoHash) => infoHash,
  })
  running.push(core)
  const events: SessionEvent[] = []
  core.subscribe((event) => events.push(event))
  const resumeErrors: unknown[] = []
  await payments.load(() => {})
  await core.load((error) => resumeErrors.push(error))
  return { payments, core, events, resumeErrors }
}

function storedSession(status: TippingSession['status'], fundingTxId: string | null = null): TippingSession {
  let session = createSession(
    {
      networkId: 'devnet',
      chainId: '0xde7e7e70',
      nodeUrl: NODE,
      owner: OWNER,
      rateSunPerGB: 1_000_000,
      budgetSun: BUDGET,
    },
    SESSION_WALLET,
    SESSION_ID,
    clock.now(),
  )
  if (status !== 'funding')
    session = advanceSession(session, status === 'ending' ? 'active' : status, { fundingTxId }, clock.now())
  if (status === 'ending') session = advanceSession(session, 'ending', {}, clock.now())
  void sessions.put(session)
  return session
}

/** The funding receipt as a crash left it: `status` reached, the transfer on chain if `landed`. */
async function storedFunding(status: Receipt['status'], landed: boolean): Promise<Receipt> {
  clock.time += 1
  let receipt = createIntent(
    {
      networkId: 'devnet',
      chainId: '0xde7e7e70',
      nodeUrl: NODE,
      from: OWNER,
      to: SESSION_WALLET.address,
      amountSun: BUDGET,
      purpose: 'funding',
    },
    '00000000-0000-0000-0000-00000000fund',
    clock.now(),
  )
  const built = await chain.buildTransfer(connection(), { to: SESSION_WALLET.address, amountSun: BUDGET })
  const signed = { ...built.transaction, signature: ['s'] } as unknown as NonNullable<
    Receipt['signedTransaction']
  >
  if (status !== 'intent') {
    receipt = advance(receipt, 'signed', {
      txId: signed.txID,
      signedTransaction: signed,
      expiration: signed.raw_data.expiration,
    })
    if (landed) await chain.broadcast(NODE, signed)
  }
  if (status === 'confirmed') receipt = advance(receipt, 'confirmed', { feeSun: 0, blockNumber: 1 })
  if (status === 'failed') receipt = advance(receipt, 'failed', { error: REFUSED })
  await receipts.put(receipt)
  return receipt
}

const status = () => sessions.records.get(SESSION_ID)?.status
const note = () => sessions.records.get(SESSION_ID)?.note

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 2_000; tries++) {
    if (condition()) return
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  throw new Error('The condition never held')
}

describe('resumed from funding', () => {
  it('with the funding receipt unfinished: follows it to confirmed, then the session is active', async () => {
    storedSession('funding')
    await storedFunding('signed', false)
    const { core, events } = await pageLoad()
    await until(() => status() === 'active')
    expect(sessions.records.get(SESSION_ID)?.fundingTxId).toBe('tx-1')
    expect(chain.accepted.size).toBe(1)
    const identity = events.find((event) => event.type === 'identity')
    expect(identity?.type === 'identity' && identity.identity?.proof).toEqual({ funding: 'tx-1' })
    expect(core.tipper).not.toBeNull()
  })

  it('with the funding receipt confirmed: active at once', async () => {
    storedSession('funding')
    await storedFunding('confirmed', true)
    await pageLoad()
    expect(status()).toBe('active')
    expect(chain.broadcasts).toHaveLength(1)
  })

  it('with the funding failed and nothing arrived: ended, saying why', async () => {
    storedSession('funding')
    await storedFunding('failed', false)
    await pageLoad()
    expect(status()).toBe('ended')
    expect(note()).toEqual(REFUSED)
  })

  it('with the funding failed but money on the session wallet: swept back, then ended', async () => {
    storedSession('funding')
    await storedFunding('failed', false)
    chain.balances.set(SESSION_WALLET.address, 3_000_000)
    await pageLoad()
    await until(() => status() === 'ended')
    const sweep = [...receipts.records.values()].find((receipt) => receipt.purpose === 'sweep')
    expect(sweep).toMatchObject({ status: 'confirmed', to: OWNER })
    expect(chain.balances.get(SESSION_WALLET.address)).toBe(3_000_000 - sweep!.amountSun - chain.feeSun)
  })

  it('with no funding receipt at all (crash before the intent): ended, not funded', async () => {
    storedSession('funding')
    await pageLoad()
    expect(status()).toBe('ended')
    expect(note()).toEqual(stored('session.notFunded'))
  })
})

describe('resumed from active and ending', () => {
  it('active: peers see the session again; End session sweeps the balance back', async () => {
    storedSession('active', 'tx-funding')
    chain.balances.set(SESSION_WALLET.address, BUDGET)
    const { core, events } = await pageLoad()
    expect(events.some((event) => event.type === 'identity' && event.identity !== null)).toBe(true)
    // It pays again on this visit, and the page is told so (it says so, never silently).
    expect(core.resumed).toBe(true)
    await core.end()
    expect(status()).toBe('ended')
    expect(chain.balances.get(OWNER)).toBe(100_000_000 + BUDGET - chain.feeSun)
    expect(events).toContainEqual(expect.objectContaining({ type: 'ended' }))
    expect(events).toContainEqual({ type: 'identity', identity: null, network: null })
  })

  it('ending with a balance: sweeps it and ends', async () => {
    storedSession('ending', 'tx-funding')
    chain.balances.set(SESSION_WALLET.address, BUDGET)
    await pageLoad()
    expect(status()).toBe('ended')
    expect([...receipts.records.values()].filter((receipt) => receipt.purpose === 'sweep')).toHaveLength(1)
  })

  it('ending without a balance: ends with nothing to return', async () => {
    storedSession('ending', 'tx-funding')
    await pageLoad()
    expect(status()).toBe('ended')
    expect(chain.broadcasts).toHaveLength(0)
    expect(note()).toEqual(stored('session.nothingLeft'))
  })

  it('ending after its sweep confirmed (crash before the session was saved): no second sweep', async () => {
    storedSession('ending', 'tx-funding')
    clock.time += 1
    const sweep = advance(
      createIntent(
        {
          networkId: 'devnet',
          chainId: '0xde7e7e70',
          nodeUrl: NODE,
          from: SESSION_WALLET.address,
          to: OWNER,
          amountSun: 4_000_000,
          purpose: 'sweep',
        },
        '00000000-0000-0000-0000-0000000sweep',
        clock.now(),
      ),
      'failed',
    )
    await receipts.put({ ...sweep, status: 'confirmed', txId: 'tx-sweep' })
    // A little arrived after the sweep: a second sweep would send it, the session must not.
    chain.balances.set(SESSION_WALLET.address, 2_000_000)
    await pageLoad()
    expect(status()).toBe('ended')
    expect(chain.broadcasts).toHaveLength(0)
  })

  it('a session another tab runs is left to it', async () => {
    storedSession('active', 'tx-funding')
    const elsewhere = new FakeLocks()
    elsewhere.held.add(walletLockName(SESSION_WALLET.address))
    const { core } = await pageLoad(elsewhere)
    expect(core.runningElsewhere).toBe(true)
    expect(core.tipper).toBeNull()
  })
})

describe('starting', () => {
  it('funds the session wallet with one signature, then is active', async () => {
    const { core } = await pageLoad()
    const signer = new FakeSigner()
    await core.start(connection(), signer, 1_000_000, BUDGET, MAX_BUDGET)
    expect(core.session?.status).toBe('active')
    expect(signer.signed).toBe(1)
    expect(chain.balances.get(core.session!.wallet.address)).toBe(BUDGET)
  })

  it('a listener that subscribes after the start (the engine built later) hears who pays', async () => {
    // A tab with no torrent builds its engine, and with it the peers' ledger, at its first add:
    // after the session started. Without the session's identity the ledger offers no one to pay.
    const { core } = await pageLoad()
    await core.start(connection(), new FakeSigner(), 1_000_000, BUDGET, MAX_BUDGET)
    const late: SessionEvent[] = []
    core.subscribe((event) => late.push(event))
    const heard = late.find((event) => event.type === 'identity')
    expect(heard?.type === 'identity' && heard.identity?.session.address).toBe(core.session?.wallet.address)
  })

  it('a declined funding ends the session unfunded and rejects', async () => {
    const { core } = await pageLoad()
    const signer = new FakeSigner()
    signer.mode = 'reject'
    await expect(core.start(connection(), signer, 1_000_000, BUDGET, MAX_BUDGET)).rejects.toMatchObject({
      problem: 'rejected',
    })
    expect(core.session?.status).toBe('ended')
    expect(locks.held.size).toBe(0)
  })
})

describe('a funding that rejects after its broadcast (audit H4)', () => {
  /** The node answers the first lookup with an error that is not "away" (a 403 page, a 404). */
  const refusedLookup = () => new Error('Request failed with status code 403')

  it('stays funding, follows the transfer by txID, then is active: never "Not funded" while money moved', async () => {
    chain.viewAnswers = [
      refusedLookup(),
      () => {
        chain.viewAnswers = null
        return chain.view(NODE, 'tx-1')
      },
    ]
    const { core } = await pageLoad()
    const seen: string[] = []
    core.subscribe(() => seen.push(core.session?.status ?? 'none'))
    const wallet = new FakeSigner()
    await core.start(connection(), wallet, 1_000_000, BUDGET, MAX_BUDGET).catch(() => {})
    await until(() => core.session?.status === 'active')
    expect(seen).not.toContain('ended')
    expect(core.session?.fundingTxId).toBe('tx-1')
    expect(chain.balances.get(core.session!.wallet.address)).toBe(BUDGET)
    expect(chain.accepted.size).toBe(1)
  })

  it('stays funding across a reload, and what landed is swept back when the transfer is later known failed', async () => {
    // The transfer lands, the page loses every answer, then the receipt is found failed: the balance decides.
    chain.viewAnswers = [refusedLookup()]
    const first = await pageLoad()
    const started = first.core.start(connection(), new FakeSigner(), 1_000_000, BUDGET, MAX_BUDGET)
    await until(() => chain.accepted.size === 1 && clock.sleeps > 3)
    const session = first.core.session!
    expect(session.status).toBe('funding')
    expect(sessions.records.get(session.id)?.status).toBe('funding')
    // The tab is closed while it still follows the transfer.
    first.core.dispose()
    first.payments.dispose()
    await started.catch(() => {})
    const fund = [...receipts.records.values()].find((receipt) => receipt.purpose === 'funding')!
    await receipts.put({ ...fund, status: 'failed', error: REFUSED })
    chain.viewAnswers = null
    await pageLoad(new FakeLocks())
    await until(() => sessions.records.get(session.id)?.status === 'ended')
    const sweep = [...receipts.records.values()].find((receipt) => receipt.purpose === 'sweep')
    expect(sweep).toMatchObject({ status: 'confirmed', to: OWNER })
    expect(chain.balances.get(session.wallet.address)).toBe(BUDGET - sweep!.amountSun - chain.feeSun)
    expect(sessions.records.get(session.id)?.note).toEqual(
      stored('session.returned', { amount: sweep!.amountSun }),
    )
  })
})

describe('two tabs, one wallet (audit M6)', () => {
  it('a tab loaded before another started a session cannot start a second one', async () => {
    const tabA = await pageLoad()
    const tabB = await pageLoad()
    await tabA.core.start(connection(), new FakeSigner(), 1_000_000, BUDGET, MAX_BUDGET)
    expect(tabA.core.session?.status).toBe('active')
    const walletB = new FakeSigner()
    await expect(tabB.core.start(connection(), walletB, 1_000_000, BUDGET, MAX_BUDGET)).rejects.toThrow()
    expect(walletB.signed).toBe(0)
    expect([...sessions.records.values()].filter((session) => session.status !== 'ended')).toHaveLength(1)
    expect(tabB.core.runningElsewhere).toBe(true)
  })
})

describe('the engine moves to another tab (handOver, carryOn)', () => {
  it('the session stays open and moves with the engine: one tab pays at a time, and nothing is signed', async () => {
    storedSession('active', 'tx-funding')
    chain.balances.set(SESSION_WALLET.address, BUDGET)
    const running = await pageLoad()
    const taking = await pageLoad()
    expect(running.core.tipper).not.toBeNull()
    expect(taking.core.runningElsewhere).toBe(true)

    await running.core.handOver()
    expect(running.core.tipper).toBeNull()
    expect(running.core.runningElsewhere).toBe(true)
    expect(running.events.at(-1)).toEqual({ type: 'changed' })
    expect(running.events).toContainEqual({ type: 'identity', identity: null, network: null })
    expect(status()).toBe('active')

    await taking.core.carryOn(() => {})
    expect(taking.core.runningElsewhere).toBe(false)
    expect(taking.core.tipper).not.toBeNull()
    expect(status()).toBe('active')
    expect(chain.broadcasts).toHaveLength(0)
    // Carrying on twice does not start a second tipper.
    const tipper = taking.core.tipper
    await taking.core.carryOn(() => {})
    expect(taking.core.tipper).toBe(tipper)
  })

  it('is refused while a session is being ended', async () => {
    storedSession('active', 'tx-funding')
    chain.balances.set(SESSION_WALLET.address, BUDGET)
    const { core } = await pageLoad()
    const ending = core.end()
    await expect(core.handOver()).rejects.toThrow()
    await ending
    expect(status()).toBe('ended')
  })
})

describe('the session key, derived from one wallet signature (audit H5)', () => {
  it('the first session asks for the setup signature once; the next session of that wallet does not', async () => {
    const { core } = await pageLoad()
    expect(core.resumed).toBe(false)
    const wallet = new FakeSigner()
    await core.start(connection(), wallet, 1_000_000, BUDGET, MAX_BUDGET)
    expect(wallet.messagesSigned).toBe(1)
    expect(core.session?.wallet.derived).toBe(true)
    const first = core.session!.wallet.address
    await core.end()
    await core.start(connection(), wallet, 1_000_000, BUDGET, MAX_BUDGET)
    expect(wallet.messagesSigned).toBe(1)
    expect(core.session?.wallet.address).toBe(first)
  })

  it('browser storage lost mid-session: the key is derived again (one prompt) and the budget swept back', async () => {
    const before = await pageLoad()
    const wallet = new FakeSigner()
    await before.core.start(connection(), wallet, 1_000_000, BUDGET, MAX_BUDGET)
    const address = before.core.session!.wallet.address
    expect(chain.balances.get(address)).toBe(BUDGET)
    before.core.dispose()
    // The site's data is cleared: no session, no receipt, no key is left on this device.
    sessions = new MemorySessions()
    receipts = new MemoryReceipts()
    const after = await pageLoad(new FakeLocks())
    expect(after.core.session).toBeNull()
    expect(after.core.knowsWallet(OWNER, connection().chainId)).toBe(false)
    const ownerBefore = chain.balances.get(OWNER)!
    await after.core.recover(connection(), wallet)
    expect(wallet.messagesSigned).toBe(2)
    expect(wallet.signed).toBe(1) // the funding only: the sweep is signed by the session key
    expect(after.core.session?.wallet.address).toBe(address)
    expect(after.core.session?.status).toBe('ended')
    expect(chain.balances.get(address)).toBe(0)
    expect(chain.balances.get(OWNER)).toBe(ownerBefore + BUDGET - chain.feeSun)
    expect(after.core.knowsWallet(OWNER, connection().chainId)).toBe(true)
  })

  it('a budget above the maximum is refused before any prompt', async () => {
    const { core } = await pageLoad()
    const wallet = new FakeSigner()
    await expect(core.start(connection(), wallet, 1_000_000, MAX_BUDGET + 1, MAX_BUDGET)).rejects.toThrow(
      /above your maximum of 100/,
    )
    expect(wallet.messagesSigned + wallet.signed).toBe(0)
    expect(sessions.records.size).toBe(0)
  })

  it('asks the browser to keep the site data before the funding is signed', async () => {
    const { core } = await pageLoad()
    const wallet = new FakeSigner()
    let askedBeforeSigning = false
    wallet.onSign = () => (askedBeforeSigning = storage.persistCalls > 0)
    await core.start(connection(), wallet, 1_000_000, BUDGET, MAX_BUDGET)
    expect(askedBeforeSigning).toBe(true)
  })
})

describe('an ended session whose wallet still holds money (audit H4)', () => {
  it('is listed with its balance, and Return funds sweeps it to the owner', async () => {
    storedSession('ended')
    chain.balances.set(SESSION_WALLET.address, 4_000_000)
    const { core } = await pageLoad()
    await until(() => core.stranded.length === 1)
    expect(core.stranded[0]).toMatchObject({ balanceSun: 4_000_000 })
    await core.returnFunds(SESSION_WALLET.address)
    expect(chain.balances.get(SESSION_WALLET.address)).toBe(0)
    expect(chain.balances.get(OWNER)).toBe(100_000_000 + 4_000_000 - chain.feeSun)
    expect(core.stranded).toHaveLength(0)
  })

  it('is still listed when the node does not answer the first balance reads of the page load', async () => {
    storedSession('ended')
    chain.balances.set(SESSION_WALLET.address, 4_000_000)
    const answer = chain.balanceSun.bind(chain)
    let refused = 0
    chain.balanceSun = (nodeUrl, address) =>
      ++refused <= 2
        ? Promise.reject(new Error('Request failed with status code 403'))
        : answer(nodeUrl, address)
    const { core } = await pageLoad()
    await until(() => core.stranded.length === 1)
    expect(core.stranded[0]).toMatchObject({ balanceSun: 4_000_000 })
    expect(refused).toBe(3)
  })
})
