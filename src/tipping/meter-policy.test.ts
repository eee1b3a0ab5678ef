import { describe, expect, it } from 'vitest'
import { MAX_PENDING_BLOCKS_PER_CONNECTION, STRIKES_BEFORE_DROP, VerifiedBytesMeter } from './meter'
import { THRESHOLD_FEE_MULTIPLE, owedSun, paymentDue } from './policy'

/** The meter is pure: connections are plain handles, blocks are numbers; nothing is faked. */
const PIECE = 32_768

describe('VerifiedBytesMeter', () => {
  it('credits only pieces that passed the hash check, to the peers that sent their blocks', () => {
    const meter = new VerifiedBytesMeter()
    meter.recordBlock('a', 0, 0, 16_384, PIECE)
    meter.recordBlock('b', 0, 16_384, 16_384, PIECE)
    meter.recordBlock('a', 1, 0, 16_384, PIECE)
    expect(meter.verifiedBytes('a')).toBe(0)
    meter.pieceVerified(0)
    expect(meter.verifiedBytes('a')).toBe(16_384)
    expect(meter.verifiedBytes('b')).toBe(16_384)
    meter.pieceFailed(1)
    meter.pieceVerified(1) // a later success of the same index credits only what arrives again
    expect(meter.verifiedBytes('a')).toBe(16_384)
  })

  it('credits a block once, to the peer whose copy arrived first (end-game duplicates pay nobody)', () => {
    const meter = new VerifiedBytesMeter()
    meter.recordBlock('fast', 0, 0, 16_384, PIECE)
    meter.recordBlock('slow', 0, 0, 16_384, PIECE)
    meter.recordBlock('slow', 0, 16_384, 16_384, PIECE)
    meter.pieceVerified(0)
    expect(meter.verifiedBytes('fast')).toBe(16_384)
    expect(meter.verifiedBytes('slow')).toBe(16_384)
  })

  it('drops a peer that keeps sending bad pieces', () => {
    const meter = new VerifiedBytesMeter()
    const dropped: string[][] = []
    for (let piece = 0; piece < STRIKES_BEFORE_DROP; piece++) {
      meter.recordBlock('bad', piece, 0, 1_000, PIECE)
      meter.recordBlock('good', piece + 100, 0, 1_000, PIECE)
      dropped.push(meter.pieceFailed(piece))
      meter.pieceVerified(piece + 100)
    }
    expect(dropped.at(-1)).toEqual(['bad'])
    expect(dropped.slice(0, -1).flat()).toEqual([])
    expect(meter.verifiedBytes('bad')).toBe(0)
    expect(meter.verifiedBytes('good')).toBe(STRIKES_BEFORE_DROP * 1_000)
  })

  it('strikes nobody for a failed piece that several peers sent, and pays nobody for it either', () => {
    const meter = new VerifiedBytesMeter()
    meter.recordBlock('honest', 0, 0, 16_384, PIECE)
    meter.recordBlock('liar', 0, 16_384, 16_384, PIECE)
    expect(meter.pieceFailed(0)).toEqual([])
    expect(meter.strikes('honest')).toBe(0)
    expect(meter.strikes('liar')).toBe(0)
    meter.pieceVerified(0)
    expect(meter.verifiedBytes('honest') + meter.verifiedBytes('liar')).toBe(0)
  })

  it('ignores nonsense block sizes', () => {
    const meter = new VerifiedBytesMeter()
    meter.recordBlock('a', 0, 0, -5, PIECE)
    meter.recordBlock('a', 0, 16_384, 1.5, PIECE)
    meter.pieceVerified(0)
    expect(meter.verifiedBytes('a')).toBe(0)
  })

  it('records no block that lies outside its piece', () => {
    const meter = new VerifiedBytesMeter()
    meter.recordBlock('a', 0, PIECE - 100, 16_384, PIECE)
    meter.recordBlock('a', 0, -16_384, 16_384, PIECE)
    meter.recordBlock('a', 0, 0, PIECE + 1, PIECE)
    meter.pieceVerified(0)
    expect(meter.verifiedBytes('a')).toBe(0)
  })

  it('never credits a verified piece more than its length, nor a byte twice', () => {
    const meter = new VerifiedBytesMeter()
    meter.recordBlock('a', 0, 0, 20_000, PIECE)
    meter.recordBlock('b', 0, 16_384, 16_384, PIECE)
    meter.recordBlock('c', 0, 100, 16_384, PIECE)
    meter.pieceVerified(0)
    expect(meter.verifiedBytes('a')).toBe(20_000)
    expect(meter.verifiedBytes('c')).toBe(0)
    expect(meter.verifiedBytes('b')).toBe(PIECE - 20_000)
  })

  it('holds a bounded number of pending blocks per connection', () => {
    const meter = new VerifiedBytesMeter()
    for (let piece = 0; piece <= MAX_PENDING_BLOCKS_PER_CONNECTION; piece++)
      meter.recordBlock('a', piece, 0, 16, PIECE)
    expect(meter.pendingBlocks('a')).toBe(MAX_PENDING_BLOCKS_PER_CONNECTION)
    meter.recordBlock('b', 0, 16, 16, PIECE)
    expect(meter.pendingBlocks('b')).toBe(1)
    meter.pieceVerified(0)
    expect(meter.pendingBlocks('a')).toBe(MAX_PENDING_BLOCKS_PER_CONNECTION - 1)
    expect(meter.verifiedBytes('a')).toBe(16)
  })
})

describe('payment policy', () => {
  it('computes what is owed exactly, rounding down', () => {
    expect(owedSun(1_000_000_000, 5_000_000)).toBe(5_000_000)
    expect(owedSun(100_000_000, 5_000_000)).toBe(500_000)
    expect(owedSun(1, 5_000_000)).toBe(0)
    expect(owedSun(2 ** 52, 10 ** 12)).toBe(Number((2n ** 52n * 10n ** 12n) / 1_000_000_000n))
  })

  const budget = { budgetSun: 50_000_000, spentSun: 0, feeSun: 268_000 }

  it('waits until a payment is worth its fee, then pays what is due', () => {
    const threshold = THRESHOLD_FEE_MULTIPLE * budget.feeSun
    expect(paymentDue(threshold - 1, budget, false)).toBe(0)
    expect(paymentDue(threshold, budget, false)).toBe(threshold)
    expect(paymentDue(5, budget, false)).toBe(0)
  })

  it('pays the remainder at the end of the session unless the fee would exceed it', () => {
    expect(paymentDue(1_000_000, budget, true)).toBe(1_000_000)
    expect(paymentDue(100_000, budget, true)).toBe(0)
  })

  it('never goes beyond the budget, fee included', () => {
    const nearlySpent = { ...budget, spentSun: budget.budgetSun - 1_000_000 }
    expect(paymentDue(10_000_000, nearlySpent, false)).toBe(1_000_000 - budget.feeSun)
    const spent = { ...budget, spentSun: budget.budgetSun - budget.feeSun }
    expect(paymentDue(10_000_000, spent, false)).toBe(0)
    for (let owed = 0; owed < 60_000_000; owed += 999_983) {
      const amount = paymentDue(owed, budget, owed % 2 === 0)
      expect(amount + (amount > 0 ? budget.feeSun : 0)).toBeLessThanOrEqual(budget.budgetSun)
      expect(Number.isSafeInteger(amount)).toBe(true)
    }
  })

  it('never pays a capped end-of-budget tip smaller than its own fee', () => {
    // 100 000 sun left after the fee: the tip would cost more than it gives.
    const almostGone = { ...budget, spentSun: budget.budgetSun - budget.feeSun - 100_000 }
    expect(paymentDue(10_000_000, almostGone, false)).toBe(0)
    expect(paymentDue(10_000_000, almostGone, true)).toBe(0)
    const feeLeft = { ...budget, spentSun: budget.budgetSun - 2 * budget.feeSun }
    expect(paymentDue(10_000_000, feeLeft, false)).toBe(budget.feeSun)
  })
})
