/**
 * Staked bandwidth (NetLimit), used before the free daily bandwidth as java-tron's
 * BandwidthProcessor.consume does, and reported by getaccountresource. A real devnet on a free port and
 * the real TronWeb; the stake is set with the devnet's test helper (there is no freezing contract).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { utils, type TronWeb } from 'tronweb'
import type { RunningDevnet } from './server.ts'
import { bandwidthBytes, confirmed, devAccount, post, signedTransfer, startTestDevnet } from './testing.ts'

let devnet: RunningDevnet
let tronWeb: TronWeb
const carol = devAccount('carol')
const dave = devAccount('dave')

beforeAll(async () => {
  ;({ devnet, tronWeb } = await startTestDevnet())
})
afterAll(() => devnet.close())

describe('staked bandwidth', () => {
  it('pays for transfers before the free bandwidth, and shows as NetLimit/NetUsed', async () => {
    devnet.stakeBandwidth(carol.address, 1_000)
    expect(await post(devnet, '/wallet/getaccountresource', { address: carol.address })).toMatchObject({
      NetLimit: 1_000,
      freeNetLimit: 600,
    })
    const first = await signedTransfer(tronWeb, carol, dave.address, 1_000)
    expect(await tronWeb.trx.sendRawTransaction(first)).toMatchObject({ result: true })
    const info = await confirmed(tronWeb, first.txID)
    expect(info.fee ?? 0).toBe(0)
    expect(info.receipt).toEqual({ net_usage: bandwidthBytes(first) })
    const resource = await post(devnet, '/wallet/getaccountresource', { address: carol.address })
    expect(resource['NetUsed']).toBe(bandwidthBytes(first))
    // The free allowance is untouched.
    expect(resource['freeNetUsed']).toBeUndefined()
  })

  it('pays the 0.1 TRX bandwidth of an account creation too (never the free allowance)', async () => {
    const fresh = utils.accounts.generateAccount().address.base58
    const before = devnet.balanceOf(carol.address)
    const tx = await signedTransfer(tronWeb, carol, fresh, 1_000)
    expect(await tronWeb.trx.sendRawTransaction(tx)).toMatchObject({ result: true })
    const info = await confirmed(tronWeb, tx.txID)
    // Only TransferActuator's 1 TRX creation fee is burned.
    expect(info.fee).toBe(1_000_000)
    expect(devnet.balanceOf(carol.address)).toBe(before - 1_000 - 1_000_000)
  })

  it('falls back to free bandwidth when the stake is used up', async () => {
    devnet.stakeBandwidth(dave.address, 100)
    const tx = await signedTransfer(tronWeb, dave, carol.address, 1_000)
    expect(await tronWeb.trx.sendRawTransaction(tx)).toMatchObject({ result: true })
    await confirmed(tronWeb, tx.txID)
    const resource = await post(devnet, '/wallet/getaccountresource', { address: dave.address })
    expect(resource).toMatchObject({ NetLimit: 100, freeNetUsed: bandwidthBytes(tx) })
    expect(resource['NetUsed']).toBeUndefined()
  })
})
