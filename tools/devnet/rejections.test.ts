/**
 * What the devnet refuses, with java-tron's response codes and hex-encoded messages. Transactions are
 * built and signed by the real TronWeb, then broken on purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { utils, type TronWeb, type Types } from 'tronweb'
import type { RunningDevnet } from './server.ts'
import {
  decodeMessage,
  devAccount,
  post,
  rebuilt,
  signedTransfer,
  startTestDevnet,
  SUN_PER_TRX,
  type Json,
} from './testing.ts'

let devnet: RunningDevnet
let tronWeb: TronWeb
const alice = devAccount('alice')
const bob = devAccount('bob')
const poor = devAccount('poor')

beforeAll(async () => {
  ;({ devnet, tronWeb } = await startTestDevnet())
})
afterAll(() => devnet.close())

const broadcast = (tx: unknown): Promise<Json> => post(devnet, '/wallet/broadcasttransaction', tx)

/** The refusal's code and its message, decoded from java-tron's hex. */
async function refusal(tx: unknown): Promise<{ code: unknown; message: string; txid: unknown }> {
  const answer = await broadcast(tx)
  expect(answer['result']).toBeUndefined()
  return { code: answer['code'], message: decodeMessage(answer['message']), txid: answer['txid'] }
}

/** An unsigned transfer from alice to bob, built by TronWeb. */
const transfer = (amount = 1_000, from = alice.address, to = bob.address): Promise<Types.Transaction> =>
  tronWeb.transactionBuilder.sendTrx(to, amount, from)

describe('signature and integrity (SIGERROR, OTHER_ERROR)', () => {
  it('refuses a transaction signed by a key other than the owner’s', async () => {
    const tx = utils.crypto.signTransaction(bob.privateKey, await transfer(1_001))
    expect(await refusal(tx)).toEqual({
      code: 'SIGERROR',
      message: `Validate signature error: ${tx.txID} is signed by ${bob.address} but it is not contained of permission.`,
      txid: tx.txID,
    })
  })

  it('refuses a transaction without a signature, or with two', async () => {
    expect(await refusal(await transfer(1_002))).toMatchObject({
      code: 'SIGERROR',
      message: 'Validate signature error: miss sig or contract',
    })
    const twice = utils.crypto.signTransaction(
      bob.privateKey,
      await tronWeb.trx.sign(await transfer(1_003), alice.privateKey),
    )
    expect(await refusal(twice)).toMatchObject({
      code: 'SIGERROR',
      message: 'Validate signature error: Signature count is 2 more than key counts of permission : 1',
    })
  })

  it('refuses raw_data edited after signing, whatever else was recomputed', async () => {
    const signed = await tronWeb.trx.sign(await transfer(1_004), alice.privateKey)
    const inflate = (raw: Types.Transaction['raw_data']) => {
      ;(raw.contract[0]?.parameter.value as { amount: number }).amount = 9 * SUN_PER_TRX
    }
    // Only the JSON changed: it no longer encodes to the signed raw_data_hex.
    const jsonOnly = structuredClone(signed)
    inflate(jsonOnly.raw_data)
    expect(await refusal(jsonOnly)).toMatchObject({
      code: 'SIGERROR',
      message: 'Validate signature error: raw_data does not match raw_data_hex, so it is not what was signed',
    })
    // raw_data_hex recomputed too (txID kept, or recomputed as well): the signature is over other bytes.
    const recomputed = rebuilt(signed, inflate)
    for (const tx of [
      { ...recomputed, txID: signed.txID, signature: signed.signature },
      { ...recomputed, signature: signed.signature },
    ]) {
      const answer = await refusal(tx)
      expect(answer.code).toBe('SIGERROR')
      expect(answer.message).toMatch(
        /^Validate signature error: \w{64} is signed by T\w+ but it is not contained/,
      )
    }
  })

  it('refuses a txID that is not sha256(raw_data_hex) (OTHER_ERROR; mainnet would ignore it)', async () => {
    const signed = await tronWeb.trx.sign(await transfer(1_005), alice.privateKey)
    const answer = await refusal({ ...signed, txID: '00'.repeat(32) })
    expect(answer).toEqual({
      code: 'OTHER_ERROR',
      message: `Error: txID ${'00'.repeat(32)} is not sha256(raw_data_hex) ${signed.txID}`,
      txid: signed.txID,
    })
  })

  it('refuses what is not a transaction at all', async () => {
    expect(await refusal({})).toMatchObject({ code: 'OTHER_ERROR', txid: undefined })
    const signed = await tronWeb.trx.sign(await transfer(1_006), alice.privateKey)
    expect(await refusal({ ...signed, raw_data_hex: 'ff' })).toMatchObject({ code: 'OTHER_ERROR' })
    const response = await fetch(`${devnet.url}/wallet/broadcasttransaction`, {
      method: 'POST',
      body: '{nope',
    })
    expect(await response.json()).toMatchObject({ Error: expect.stringContaining('not JSON') as unknown })
  })
})

describe('reference block, expiration, duplicates, size', () => {
  it('refuses an expired transaction, and one expiring more than 24 h after the head', async () => {
    const tx = await transfer(1_007)
    for (const expiration of [tx.raw_data.timestamp - 1, tx.raw_data.timestamp + 25 * 3_600_000]) {
      const signed = await tronWeb.trx.sign(
        rebuilt(tx, (raw) => (raw.expiration = expiration)),
        alice.privateKey,
      )
      expect(await refusal(signed)).toEqual({
        code: 'TRANSACTION_EXPIRATION_ERROR',
        message: 'Transaction expired',
        txid: signed.txID,
      })
    }
  })

  it('refuses a reference block the chain does not have (TaPoS)', async () => {
    const tx = await transfer(1_008)
    for (const edit of [
      (raw: Types.Transaction['raw_data']) => (raw.ref_block_hash = '00'.repeat(8)),
      (raw: Types.Transaction['raw_data']) => (raw.ref_block_bytes = 'ffff'),
    ]) {
      const signed = await tronWeb.trx.sign(rebuilt(tx, edit), alice.privateKey)
      expect(await refusal(signed)).toMatchObject({ code: 'TAPOS_ERROR', message: 'Tapos check error.' })
    }
  })

  it('refuses the same transaction twice, pending or in a block', async () => {
    const signed = await signedTransfer(tronWeb, alice, bob.address, 1_009)
    expect(await broadcast(signed)).toEqual({ result: true, txid: signed.txID })
    expect(await refusal(signed)).toEqual({
      code: 'DUP_TRANSACTION_ERROR',
      message: 'Dup transaction.',
      txid: signed.txID,
    })
    await new Promise((resolve) => setTimeout(resolve, 250))
    expect((await tronWeb.trx.getUnconfirmedTransactionInfo(signed.txID)).blockNumber).toBeGreaterThan(0)
    expect(await refusal(signed)).toMatchObject({ code: 'DUP_TRANSACTION_ERROR' })
  })

  it('refuses a transaction over 500 KiB (TOO_BIG_TRANSACTION_ERROR)', async () => {
    const huge = rebuilt(await transfer(1_010), (raw) => (raw.data = 'ab'.repeat(520_000)))
    const signed = await tronWeb.trx.sign(huge, alice.privateKey)
    const answer = await refusal(signed)
    expect(answer.code).toBe('TOO_BIG_TRANSACTION_ERROR')
    expect(answer.message).toMatch(
      /^Too big transaction with result, TxId \w{64}, the size is \d+ bytes, maxTxSize 512000$/,
    )
  })
})

describe('contract validation and fees (CONTRACT_VALIDATE_ERROR, BANDWITH_ERROR)', () => {
  it('refuses spending more than the balance, with java-tron’s message', async () => {
    const signed = await signedTransfer(tronWeb, alice, bob.address, alice.balanceSun + 1)
    expect(await refusal(signed)).toEqual({
      code: 'CONTRACT_VALIDATE_ERROR',
      message: 'Contract validate error : Validate TransferContract error, balance is not sufficient.',
      txid: signed.txID,
    })
  })

  it('counts the fees before the amount: 0.2 TRX cannot pay a memo or activate an address', async () => {
    // The memo fee (1 TRX) is more than the balance: java-tron's "Account resource insufficient".
    const withMemo = await tronWeb.transactionBuilder.addUpdateData(
      await transfer(1, poor.address),
      'hi',
      'utf8',
    )
    expect(await refusal(await tronWeb.trx.sign(withMemo, poor.privateKey))).toMatchObject({
      code: 'BANDWITH_ERROR',
      message: 'Account resource insufficient error.',
    })
    // 0.1 TRX for bandwidth leaves 0.1 TRX, short of 1 sun + the 1 TRX account creation fee.
    const fresh = utils.accounts.generateAccount().address.base58
    const signed = await signedTransfer(tronWeb, poor, fresh, 1)
    expect(await refusal(signed)).toMatchObject({
      code: 'CONTRACT_VALIDATE_ERROR',
      message: 'Contract validate error : Validate TransferContract error, balance is not sufficient.',
    })
    expect(devnet.balanceOf(poor.address)).toBe(poor.balanceSun)
  })

  it('refuses an account that cannot pay 0.1 TRX to create another (BANDWITH_ERROR)', async () => {
    const small = utils.accounts.generateAccount()
    const funding = await signedTransfer(tronWeb, alice, small.address.base58, 50_000)
    expect(await broadcast(funding)).toMatchObject({ result: true })
    const signed = await signedTransfer(
      tronWeb,
      { address: small.address.base58, privateKey: small.privateKey },
      utils.accounts.generateAccount().address.base58,
      1,
    )
    expect(await refusal(signed)).toMatchObject({
      code: 'BANDWITH_ERROR',
      message: 'Account resource insufficient error.',
    })
  })

  it('refuses an owner that does not exist, a transfer to oneself, a zero amount', async () => {
    const nobody = utils.accounts.generateAccount()
    const fromNobody = await signedTransfer(
      tronWeb,
      { address: nobody.address.base58, privateKey: nobody.privateKey },
      alice.address,
      1,
    )
    expect(await refusal(fromNobody)).toMatchObject({
      code: 'CONTRACT_VALIDATE_ERROR',
      message: `Contract validate error : account [${nobody.address.base58}] does not exist`,
    })
    const toSelf = rebuilt(await transfer(1_011), (raw) => {
      const value = raw.contract[0]?.parameter.value as { to_address: string; owner_address: string }
      value.to_address = value.owner_address
    })
    expect(await refusal(await tronWeb.trx.sign(toSelf, alice.privateKey))).toMatchObject({
      code: 'CONTRACT_VALIDATE_ERROR',
      message: 'Contract validate error : Cannot transfer TRX to yourself.',
    })
    const zero = rebuilt(await transfer(1_012), (raw) => {
      ;(raw.contract[0]?.parameter.value as { amount: number }).amount = 0
    })
    expect(await refusal(await tronWeb.trx.sign(zero, alice.privateKey))).toMatchObject({
      code: 'CONTRACT_VALIDATE_ERROR',
      message: 'Contract validate error : Amount must be greater than 0.',
    })
  })

  it('refuses contracts other than TransferContract', async () => {
    const token = await tronWeb.transactionBuilder.sendToken(bob.address, 5, '1000001', alice.address)
    const answer = await refusal(await tronWeb.trx.sign(token, alice.privateKey))
    expect(answer.code).toBe('CONTRACT_VALIDATE_ERROR')
    expect(answer.message).toContain('the devnet only runs TransferContract')
  })
})
