/** Received tips credited once. Faked: the repository (an array); nothing else is involved. */
import { describe, expect, it } from 'vitest'
import type { ReceivedTip } from '../tron/received-tip'
import { MemoryReceivedTips } from '../testing/money-fakes'
import { ReceivedTips } from './received-tips'

const tip = (txId: string, at = 1): ReceivedTip => ({
  txId,
  at,
  chainId: '0xde7e7e70',
  infoHash: 'ab'.repeat(20),
  peerId: 'p1',
  from: 'TPayer',
  amountSun: 2_000_000,
})

describe('received tips', () => {
  it('credits a transaction once, however often it is announced', async () => {
    const repository = new MemoryReceivedTips()
    const received = new ReceivedTips(repository)
    expect(await received.credit(tip('tx-1'))).toBe(true)
    expect(await received.credit(tip('tx-1', 2))).toBe(false)
    expect(received.all).toHaveLength(1)
    expect(repository.records).toHaveLength(1)
  })

  it('a transaction credited in an earlier page load is not credited again', async () => {
    const repository = new MemoryReceivedTips()
    await repository.put(tip('tx-1'))
    const received = new ReceivedTips(repository)
    await received.load()
    expect(await received.credit(tip('tx-1', 5))).toBe(false)
    expect(await received.credit(tip('tx-2', 6))).toBe(true)
    expect(received.all.map((t) => t.txId)).toEqual(['tx-1', 'tx-2'])
    expect(repository.records).toHaveLength(2)
  })
})
