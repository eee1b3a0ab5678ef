/** Fees and their order, as java-tron charges them, without a node around. */
import { describe, expect, it } from 'vitest'
import { toHexAddress } from './address.ts'
import { executeTransfer, type TransferInput } from './execute.ts'
import { Refusal } from './refusal.ts'
import { freeNetUsedAt, newAccount, type AccountRecord } from './state.ts'

const NOW = 1_800_000_000_000
const DAY = 24 * 60 * 60 * 1000
const owner = Uint8Array.from([0x41, ...new Array<number>(20).fill(1)])
const known = Uint8Array.from([0x41, ...new Array<number>(20).fill(2)])
const unknown = Uint8Array.from([0x41, ...new Array<number>(20).fill(3)])

function run(
  accounts: AccountRecord[],
  change: Partial<TransferInput> & { amount?: bigint; to?: Uint8Array },
) {
  const byHex = new Map(accounts.map((account) => [toHexAddress(account.address), account]))
  return executeTransfer({
    transfer: { owner, to: change.to ?? known, amount: change.amount ?? 1_000n },
    bytes: 268,
    hasMemo: false,
    now: NOW,
    account: (hex) => byHex.get(hex),
    ...change,
  })
}

function refusalOf(action: () => unknown): { code: string; message: string } {
  try {
    action()
  } catch (error) {
    if (error instanceof Refusal) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('not refused')
}

const funded = (balance: number, changes: Partial<AccountRecord> = {}) => ({
  ...newAccount(owner, balance, 0),
  ...changes,
})
const recipient = newAccount(known, 0, 0)

describe('executeTransfer', () => {
  it('uses the free daily bandwidth when it covers the whole transaction', () => {
    const result = run([funded(10_000), recipient], {})
    expect(result).toMatchObject({ fee: 0, receipt: { netUsage: 268, netFee: 0 }, createsAccount: false })
    expect(result.updates.map((account) => account.balance)).toEqual([9_000, 1_000])
    expect(result.updates[0]).toMatchObject({
      freeNetUsage: 268,
      latestConsumeFreeTime: NOW,
      latestOperationTime: NOW,
    })
  })

  it('burns 1000 sun a byte when the free bandwidth left is less than the transaction', () => {
    const result = run([funded(1_000_000, { freeNetUsage: 536, latestConsumeFreeTime: NOW }), recipient], {})
    expect(result).toMatchObject({ fee: 268_000, receipt: { netUsage: 0, netFee: 268_000 } })
    expect(result.updates[0]?.balance).toBe(1_000_000 - 268_000 - 1_000)
    expect(result.updates[0]?.freeNetUsage).toBe(536)
  })

  it('charges bandwidth before checking the amount, so a whole balance cannot be sent', () => {
    const account = funded(1_000_000, { freeNetUsage: 600, latestConsumeFreeTime: NOW })
    expect(refusalOf(() => run([account, recipient], { amount: 1_000_000n }))).toEqual({
      code: 'CONTRACT_VALIDATE_ERROR',
      message: 'Contract validate error : Validate TransferContract error, balance is not sufficient.',
    })
    expect(
      refusalOf(() =>
        run([funded(200_000, { freeNetUsage: 600, latestConsumeFreeTime: NOW }), recipient], {}),
      ),
    ).toEqual({
      code: 'BANDWITH_ERROR',
      message: 'Account resource insufficient error.',
    })
  })

  it('charges 0.1 TRX bandwidth plus 1 TRX to create the recipient, never from the free allowance', () => {
    const result = run([funded(5_000_000)], { to: unknown, amount: 1_000n })
    expect(result).toMatchObject({
      fee: 1_100_000,
      receipt: { netUsage: 0, netFee: 100_000 },
      createsAccount: true,
    })
    expect(result.updates[0]).toMatchObject({ balance: 5_000_000 - 1_100_000 - 1_000, freeNetUsage: 0 })
    expect(result.updates[1]).toMatchObject({ address: unknown, balance: 1_000, createTime: NOW })
    expect(refusalOf(() => run([funded(99_999)], { to: unknown }))).toMatchObject({ code: 'BANDWITH_ERROR' })
    expect(refusalOf(() => run([funded(1_100_999)], { to: unknown }))).toMatchObject({
      code: 'CONTRACT_VALIDATE_ERROR',
    })
  })

  it('burns the memo fee after bandwidth and before the amount', () => {
    expect(run([funded(2_000_000), recipient], { hasMemo: true })).toMatchObject({ fee: 1_000_000 })
    expect(refusalOf(() => run([funded(999_999), recipient], { hasMemo: true }))).toMatchObject({
      code: 'BANDWITH_ERROR',
    })
  })

  it('refuses a missing owner, a transfer to oneself and amounts that are not positive', () => {
    expect(refusalOf(() => run([recipient], {})).message).toMatch(
      /^Contract validate error : account \[T\w+\] does not exist$/,
    )
    expect(refusalOf(() => run([funded(10_000)], { to: owner })).message).toBe(
      'Contract validate error : Cannot transfer TRX to yourself.',
    )
    for (const amount of [0n, -1n]) {
      expect(refusalOf(() => run([funded(10_000), recipient], { amount })).message).toBe(
        'Contract validate error : Amount must be greater than 0.',
      )
    }
    expect(refusalOf(() => run([funded(10_000), recipient], { amount: 2n ** 62n })).code).toBe(
      'CONTRACT_VALIDATE_ERROR',
    )
  })
})

describe('staked bandwidth (BandwidthProcessor.consume)', () => {
  it('is used before the free bandwidth, then the free bandwidth, then TRX is burned', () => {
    const staked = run([funded(1_000_000, { netLimit: 300 }), recipient], {})
    expect(staked).toMatchObject({ fee: 0, receipt: { netUsage: 268, netFee: 0 } })
    expect(staked.updates[0]).toMatchObject({ netUsage: 268, latestConsumeTime: NOW, freeNetUsage: 0 })
    const free = run(
      [funded(1_000_000, { netLimit: 300, netUsage: 268, latestConsumeTime: NOW }), recipient],
      {},
    )
    expect(free.updates[0]).toMatchObject({ netUsage: 268, freeNetUsage: 268 })
    const burned = run(
      [
        funded(1_000_000, {
          netLimit: 300,
          netUsage: 268,
          latestConsumeTime: NOW,
          freeNetUsage: 600,
          latestConsumeFreeTime: NOW,
        }),
        recipient,
      ],
      {},
    )
    expect(burned).toMatchObject({ fee: 268_000, receipt: { netUsage: 0, netFee: 268_000 } })
  })

  it('pays an account creation’s bandwidth, leaving only the 1 TRX creation fee', () => {
    const result = run([funded(5_000_000, { netLimit: 268 })], { to: unknown })
    expect(result).toMatchObject({ fee: 1_000_000, receipt: { netUsage: 268, netFee: 0 } })
  })
})

describe('free bandwidth', () => {
  it('recovers linearly over 24 hours', () => {
    const account = funded(0, { freeNetUsage: 600, latestConsumeFreeTime: NOW })
    expect(freeNetUsedAt(account, NOW)).toBe(600)
    expect(freeNetUsedAt(account, NOW + DAY / 2)).toBe(300)
    expect(freeNetUsedAt(account, NOW + DAY - 1)).toBe(1)
    expect(freeNetUsedAt(account, NOW + DAY)).toBe(0)
  })
})
