/**
 * TRX transfers through the real TronWeb 6.5.1 against a real devnet: the numbers a tipping client
 * sees (balances, fees, receipts) must be mainnet's, to the sun.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { utils, type TronWeb } from 'tronweb'
import type { RunningDevnet } from './server.ts'
import {
  bandwidthBytes,
  confirmed,
  devAccount,
  post,
  signedTransfer,
  startTestDevnet,
  SUN_PER_TRX,
} from './testing.ts'

let devnet: RunningDevnet
let tronWeb: TronWeb

beforeAll(async () => {
  // Blocks of 1 s (solidified 3 behind): the test reads the solidified state right after sending and
  // expects it not to show the transfers yet; with 100 ms blocks a loaded machine could let them
  // solidify before that read.
  ;({ devnet, tronWeb } = await startTestDevnet(1000))
})
afterAll(() => devnet.close())

describe('TRX transfers', { timeout: 30_000 }, () => {
  it('moves exactly the amount; free bandwidth pays for two transfers a day, then bytes × 1000 sun burn', async () => {
    const alice = devAccount('alice')
    const bob = devAccount('bob')
    // Different amounts: TronWeb stamps a transaction with the head block's time, so two identical
    // transfers within one block are one transaction (DUP_TRANSACTION_ERROR), on mainnet too.
    const amounts = [1_000_001, 1_000_002, 1_000_003]
    const total = 3_000_006
    const sent = []
    for (const amount of amounts) {
      const tx = await signedTransfer(tronWeb, alice, bob.address, amount)
      const result = await tronWeb.trx.sendRawTransaction(tx)
      expect(result).toMatchObject({ result: true, txid: tx.txID })
      sent.push(tx)
    }
    // The head (wallet/getaccount) shows the transfers at once; the solidified state does not yet.
    expect(await tronWeb.trx.getUnconfirmedBalance(bob.address)).toBe(bob.balanceSun + total)
    expect(await tronWeb.trx.getBalance(bob.address)).toBe(bob.balanceSun)

    const infos = []
    for (const tx of sent) infos.push(await confirmed(tronWeb, tx.txID))
    const [first, second, third] = sent.map((tx) => bandwidthBytes(tx))
    // ~268 bytes each: two fit in the 600 free bytes of the day, the third does not.
    for (const bytes of [first, second, third]) expect(bytes).toBeGreaterThan(260)
    for (const bytes of [first, second, third]) expect(bytes).toBeLessThan(280)
    expect(infos[0]).toMatchObject({ id: sent[0]?.txID, contractResult: [''], receipt: { net_usage: first } })
    expect(infos[0]?.fee ?? 0).toBe(0)
    expect(infos[1]).toMatchObject({ receipt: { net_usage: second } })
    expect(infos[1]?.fee ?? 0).toBe(0)
    const burned = (third ?? 0) * 1000
    expect(infos[2]).toMatchObject({ fee: burned, receipt: { net_fee: burned } })
    expect(infos[2]?.blockNumber).toBeGreaterThan(0)
    expect(infos[2]?.blockTimeStamp).toBeGreaterThan(0)

    const aliceAfter = alice.balanceSun - total - burned
    const bobAfter = bob.balanceSun + total
    expect(await tronWeb.trx.getBalance(alice.address)).toBe(aliceAfter)
    expect(await tronWeb.trx.getUnconfirmedBalance(alice.address)).toBe(aliceAfter)
    expect(await tronWeb.trx.getBalance(bob.address)).toBe(bobAfter)
    expect(devnet.balanceOf(alice.address)).toBe(aliceAfter)
    expect(devnet.balanceOf(bob.address)).toBe(bobAfter)
    expect(devnet.transactionCount()).toBeGreaterThanOrEqual(3)

    const resources = await tronWeb.trx.getAccountResources(alice.address)
    expect(resources).toMatchObject({ freeNetLimit: 600, freeNetUsed: (first ?? 0) + (second ?? 0) })
    expect(await tronWeb.trx.getBandwidth(alice.address)).toBe(600 - (first ?? 0) - (second ?? 0))
    expect(await tronWeb.trx.getUnconfirmedAccount(alice.address)).toMatchObject({
      free_net_usage: (first ?? 0) + (second ?? 0),
    })

    // The transaction as the node stored it, from the head and from the solidified view.
    const stored = await tronWeb.trx.getTransaction(sent[0]?.txID ?? '')
    expect(stored).toMatchObject({
      ret: [{ contractRet: 'SUCCESS' }],
      txID: sent[0]?.txID,
      raw_data: sent[0]?.raw_data,
      raw_data_hex: sent[0]?.raw_data_hex,
    })
    expect(await tronWeb.trx.getConfirmedTransaction(sent[0]?.txID ?? '')).toMatchObject({
      txID: sent[0]?.txID,
    })
  })

  it('activates a new address for 1.1 TRX (0.1 bandwidth + 1 account creation), which can then send', async () => {
    const carol = devAccount('carol')
    const fresh = utils.accounts.generateAccount()
    expect(await tronWeb.trx.getUnconfirmedAccount(fresh.address.base58)).toEqual({})
    const amount = 2 * SUN_PER_TRX
    const tx = await signedTransfer(tronWeb, carol, fresh.address.base58, amount)
    expect(await tronWeb.trx.sendRawTransaction(tx)).toMatchObject({ result: true })
    expect(await confirmed(tronWeb, tx.txID)).toMatchObject({ fee: 1_100_000, receipt: { net_fee: 100_000 } })
    expect(await tronWeb.trx.getBalance(carol.address)).toBe(carol.balanceSun - amount - 1_100_000)
    const account = await tronWeb.trx.getAccount(fresh.address.base58)
    expect(account).toMatchObject({ balance: amount })
    expect(account.create_time).toBeGreaterThan(0)

    // The new account has its own free bandwidth: sending back costs it nothing but the amount.
    const back = await signedTransfer(
      tronWeb,
      { address: fresh.address.base58, privateKey: fresh.privateKey },
      carol.address,
      SUN_PER_TRX / 2,
    )
    expect(await tronWeb.trx.sendRawTransaction(back)).toMatchObject({ result: true })
    const info = await confirmed(tronWeb, back.txID)
    expect(info.fee ?? 0).toBe(0)
    expect(await tronWeb.trx.getBalance(fresh.address.base58)).toBe(amount - SUN_PER_TRX / 2)
  })

  it('carries a memo (raw_data.data) and burns the 1 TRX memo fee', async () => {
    const dave = devAccount('dave')
    const erin = devAccount('erin')
    const tx = await tronWeb.transactionBuilder.sendTrx(erin.address, 1000, dave.address)
    const withMemo = await tronWeb.transactionBuilder.addUpdateData(tx, 'tipping grant v1', 'utf8')
    const signed = await tronWeb.trx.sign(withMemo, dave.privateKey)
    expect(await tronWeb.trx.sendRawTransaction(signed)).toMatchObject({ result: true })
    const info = await confirmed(tronWeb, signed.txID)
    expect(info).toMatchObject({ fee: 1_000_000, receipt: { net_usage: bandwidthBytes(signed) } })
    const stored = await tronWeb.trx.getConfirmedTransaction(signed.txID)
    expect(tronWeb.toUtf8(stored.raw_data.data ?? '')).toBe('tipping grant v1')
    expect(await tronWeb.trx.getBalance(dave.address)).toBe(dave.balanceSun - 1000 - 1_000_000)
  })

  it('builds a transfer server side (wallet/createtransaction) that TronWeb signs and the node accepts', async () => {
    const erin = devAccount('erin')
    const bob = devAccount('bob')
    for (const visible of [false, true]) {
      const tx = await post(devnet, '/wallet/createtransaction', {
        owner_address: visible ? erin.address : tronWeb.address.toHex(erin.address),
        to_address: visible ? bob.address : tronWeb.address.toHex(bob.address),
        amount: 777,
        visible,
      })
      expect(tx).toMatchObject({ visible, raw_data: { contract: [{ type: 'TransferContract' }] } })
      const signed = await tronWeb.trx.sign(tx as never, erin.privateKey)
      expect(await tronWeb.trx.sendRawTransaction(signed)).toMatchObject({ result: true })
    }
    expect(
      await post(devnet, '/wallet/createtransaction', {
        owner_address: erin.address,
        to_address: bob.address,
        amount: 1e15,
        visible: true,
      }),
    ).toEqual({
      Error:
        'class org.tron.core.exception.ContractValidateException : Validate TransferContract error, balance is not sufficient.',
    })
  })
})
