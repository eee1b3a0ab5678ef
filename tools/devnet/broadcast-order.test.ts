/**
 * The order of the broadcast checks, java-tron's by default (Wallet.broadcastTransaction checks the
 * expiration against the next slot before Manager.pushTransaction; Manager.processTransaction runs
 * validateTapos and validateCommon before validateDup), the devnet's old order as an option.
 * Real devnets on free ports, transactions built and signed by the real TronWeb; nothing is faked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TronWeb, utils, type Types } from 'tronweb'
import { bytesToHex, hexToBytes, sha256 } from './bytes.ts'
import { ProtoWriter } from './protobuf.ts'
import { startDevnet, type RunningDevnet } from './server.ts'
import { decodeMessage, devAccount, post, rebuilt, type Json } from './testing.ts'

const alice = devAccount('alice')
const bob = devAccount('bob')
const BLOCK_MS = 100

let strict: RunningDevnet
let kind: RunningDevnet

beforeAll(async () => {
  strict = await startDevnet({ port: 0, blockIntervalMs: BLOCK_MS })
  kind = await startDevnet({ port: 0, blockIntervalMs: BLOCK_MS, duplicateFirst: true })
})
afterAll(async () => {
  await strict.close()
  await kind.close()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function headTime(devnet: RunningDevnet): Promise<number> {
  const head = await post(devnet, '/wallet/getnowblock', {})
  return (head['block_header'] as { raw_data: { timestamp: number } }).raw_data.timestamp
}

/** A transfer from alice to bob that expires `msAfterHead` after the head block, signed. */
async function expiringTransfer(
  devnet: RunningDevnet,
  amount: number,
  msAfterHead: number,
): Promise<Types.SignedTransaction> {
  const tronWeb = new TronWeb({ fullHost: devnet.url })
  const tx = await tronWeb.transactionBuilder.sendTrx(bob.address, amount, alice.address)
  const head = await headTime(devnet)
  return tronWeb.trx.sign(
    rebuilt(tx, (raw) => (raw.expiration = head + msAfterHead)),
    alice.privateKey,
  )
}

async function refusal(devnet: RunningDevnet, tx: unknown): Promise<{ code: unknown; message: string }> {
  const answer: Json = await post(devnet, '/wallet/broadcasttransaction', tx)
  return { code: answer['code'], message: decodeMessage(answer['message']) }
}

/** Waits until the head block is past `expiration` by a whole block (so is the next slot). */
async function headPast(devnet: RunningDevnet, expiration: number): Promise<void> {
  const deadline = Date.now() + 15_000
  while ((await headTime(devnet)) <= expiration + BLOCK_MS) {
    if (Date.now() > deadline) throw new Error('the devnet’s head did not pass the expiration')
    await sleep(BLOCK_MS)
  }
}

async function landed(devnet: RunningDevnet, txid: string): Promise<boolean> {
  const info = await post(devnet, '/wallet/gettransactioninfobyid', { value: txid })
  return typeof info['blockNumber'] === 'number'
}

describe('java-tron order (the default)', () => {
  it('answers TRANSACTION_EXPIRATION_ERROR to a rebroadcast of a transfer that landed, once expired', async () => {
    // Six seconds of validity: room for the broadcast and the rebroadcast on a machine loaded enough
    // to take two seconds between them (seen at a load average above 20).
    const tx = await expiringTransfer(strict, 2_001, 60 * BLOCK_MS)
    expect(await post(strict, '/wallet/broadcasttransaction', tx)).toEqual({ result: true, txid: tx.txID })
    // Still valid: the duplicate check answers.
    expect(await refusal(strict, tx)).toEqual({ code: 'DUP_TRANSACTION_ERROR', message: 'Dup transaction.' })
    await headPast(strict, tx.raw_data.expiration)
    expect(await landed(strict, tx.txID)).toBe(true)
    // Expired now: java-tron never reaches its duplicate check, although the money moved.
    expect(await refusal(strict, tx)).toEqual({
      code: 'TRANSACTION_EXPIRATION_ERROR',
      message: 'Transaction expired',
    })
  }, 20_000)

  it('refuses a transaction that expires before the next slot (head + block interval)', async () => {
    const tx = await expiringTransfer(strict, 2_002, BLOCK_MS / 2)
    // Its expiration is after the head block, but before the block that could include it.
    expect(await refusal(strict, tx)).toEqual({
      code: 'TRANSACTION_EXPIRATION_ERROR',
      message: 'Transaction expired',
    })
  })

  it('checks the signature before the duplicate: a landed id re-signed by another key is a SIGERROR', async () => {
    const tx = await expiringTransfer(strict, 2_003, 60_000)
    expect(await post(strict, '/wallet/broadcasttransaction', tx)).toMatchObject({ result: true })
    const forged = utils.crypto.signTransaction(
      bob.privateKey,
      rebuilt(tx, () => undefined),
    )
    expect((await refusal(strict, forged)).code).toBe('SIGERROR')
  })

  it('refuses a transaction with no contract before looking at its signature', async () => {
    const tx = await expiringTransfer(strict, 2_005, 60_000)
    // Transaction.raw without its contract field (11), which TronWeb cannot even encode.
    const rawBytes = new ProtoWriter()
      .bytes(1, hexToBytes(tx.raw_data.ref_block_bytes))
      .bytes(4, hexToBytes(tx.raw_data.ref_block_hash))
      .varint(8, tx.raw_data.expiration)
      .varint(14, tx.raw_data.timestamp)
      .finish()
    const empty = {
      raw_data: {},
      raw_data_hex: bytesToHex(rawBytes),
      txID: bytesToHex(sha256(rawBytes)),
      signature: tx.signature,
    }
    expect(await refusal(strict, empty)).toEqual({
      code: 'CONTRACT_VALIDATE_ERROR',
      message: 'Contract validate error : No contract!',
    })
  })
})

describe('duplicateFirst (the old, kinder order)', () => {
  it('answers DUP_TRANSACTION_ERROR to a rebroadcast of a landed transfer, even once expired', async () => {
    const tx = await expiringTransfer(kind, 2_004, 20 * BLOCK_MS)
    expect(await post(kind, '/wallet/broadcasttransaction', tx)).toEqual({ result: true, txid: tx.txID })
    await headPast(kind, tx.raw_data.expiration)
    expect(await landed(kind, tx.txID)).toBe(true)
    // java-tron's transaction id cache (node.rpc.trxCacheEnable) answers this way, with this message.
    expect(await refusal(kind, tx)).toEqual({
      code: 'DUP_TRANSACTION_ERROR',
      message: 'Transaction already exists.',
    })
  })
})
