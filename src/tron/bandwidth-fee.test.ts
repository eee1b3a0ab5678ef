// Pure function: no node, nothing faked. The cases follow java-tron's BandwidthProcessor.consume.
import { describe, expect, it } from 'vitest'
import { transferFeeSun, type BandwidthFees } from './bandwidth-fee'

const MAINNET: BandwidthFees = {
  getTransactionFee: 1_000,
  getCreateAccountFee: 100_000,
  getCreateNewAccountFeeInSystemContract: 1_000_000,
  getCreateNewAccountBandwidthRate: 1,
}
const BYTES = 268

describe('transferFeeSun', () => {
  it('burns the bytes when neither staked nor free bandwidth covers them', () => {
    expect(transferFeeSun(BYTES, { stakedLeft: 0, freeLeft: 0 }, true, MAINNET)).toBe(268_000)
    expect(transferFeeSun(BYTES, { stakedLeft: 267, freeLeft: 267 }, true, MAINNET)).toBe(268_000)
  })

  it('is free when staked bandwidth covers the transfer, whatever the free allowance left', () => {
    expect(transferFeeSun(BYTES, { stakedLeft: 268, freeLeft: 0 }, true, MAINNET)).toBe(0)
  })

  it('is free when the daily allowance covers it', () => {
    expect(transferFeeSun(BYTES, { stakedLeft: 0, freeLeft: 600 }, true, MAINNET)).toBe(0)
  })

  it('does not add staked and free bandwidth together: each source must cover the whole transfer', () => {
    expect(transferFeeSun(BYTES, { stakedLeft: 200, freeLeft: 200 }, true, MAINNET)).toBe(268_000)
  })

  it('charges 1.1 TRX to create the recipient, never from the free allowance', () => {
    expect(transferFeeSun(BYTES, { stakedLeft: 0, freeLeft: 600 }, false, MAINNET)).toBe(1_100_000)
  })

  it('lets staked bandwidth pay the 0.1 TRX part of an account creation', () => {
    expect(transferFeeSun(BYTES, { stakedLeft: 268, freeLeft: 0 }, false, MAINNET)).toBe(1_000_000)
    const doubleRate = { ...MAINNET, getCreateNewAccountBandwidthRate: 2 }
    expect(transferFeeSun(BYTES, { stakedLeft: 268, freeLeft: 0 }, false, doubleRate)).toBe(1_100_000)
  })
})
