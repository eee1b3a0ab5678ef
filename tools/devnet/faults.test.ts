/**
 * Fault modes: a broadcast carried out whose HTTP answer is lost (a reset connection), and a pending
 * pool that is evicted. A real devnet on a free port and the real TronWeb; nothing is faked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TronWeb } from 'tronweb'
import { startDevnet, type RunningDevnet } from './server.ts'
import { confirmed, devAccount, post, signedTransfer, startTestDevnet } from './testing.ts'

let devnet: RunningDevnet
let tronWeb: TronWeb
const erin = devAccount('erin')
const bob = devAccount('bob')

beforeAll(async () => {
  ;({ devnet, tronWeb } = await startTestDevnet())
})
afterAll(() => devnet.close())

describe('faults', () => {
  it('accepts a broadcast but resets the connection instead of answering (dropBroadcastAnswers)', async () => {
    const tx = await signedTransfer(tronWeb, erin, bob.address, 3_001)
    devnet.dropBroadcastAnswers(1)
    await expect(post(devnet, '/wallet/broadcasttransaction', tx)).rejects.toThrow()
    // The transfer went through all the same.
    expect((await confirmed(tronWeb, tx.txID)).id).toBe(tx.txID)
    // Only one answer was dropped.
    const next = await signedTransfer(tronWeb, erin, bob.address, 3_002)
    expect(await post(devnet, '/wallet/broadcasttransaction', next)).toEqual({
      result: true,
      txid: next.txID,
    })
  })

  it('evicts pending transactions: they never land and the balances go back (dropPending)', async () => {
    // Slow blocks, so that no block takes the transaction between its broadcast and the eviction.
    const slow = await startDevnet({ port: 0, blockIntervalMs: 10_000 })
    try {
      const slowWeb = new TronWeb({ fullHost: slow.url })
      const before = slow.balanceOf(erin.address)
      const tx = await signedTransfer(slowWeb, erin, bob.address, 3_003)
      expect(await post(slow, '/wallet/broadcasttransaction', tx)).toMatchObject({ result: true })
      expect(slow.balanceOf(erin.address)).toBeLessThan(before)
      expect(slow.dropPending()).toEqual([tx.txID])
      expect(slow.balanceOf(erin.address)).toBe(before)
      expect(await post(slow, '/wallet/gettransactionbyid', { value: tx.txID })).toEqual({})
      // Nothing is left to seal: the next block is empty.
      expect(slow.transactionCount()).toBe(0)
    } finally {
      await slow.close()
    }
  })
})
