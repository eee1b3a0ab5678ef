/**
 * The fee quoted before a transfer is the fee java-tron charges for it, staked bandwidth included.
 * Nothing is faked: a real devnet on a free port (tools/devnet, which follows java-tron's
 * BandwidthProcessor) and the real TronWeb; the stake is set with the devnet's test helper. The
 * quotes go through the app's node transport, so its request budget (1 a second) paces them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { utils, type TronWeb } from 'tronweb'
import type { RunningDevnet } from '../../tools/devnet/server.ts'
import { confirmed, devAccount, signedTransfer, startTestDevnet } from '../../tools/devnet/testing.ts'
import { estimateTransferFee } from './chain'

let devnet: RunningDevnet
let tronWeb: TronWeb
const erin = devAccount('erin')
const bob = devAccount('bob')

beforeAll(async () => {
  ;({ devnet, tronWeb } = await startTestDevnet())
})
afterAll(() => devnet.close())

/** Sends a transfer without a quote (the app's node requests share one budget of 1 a second). */
async function send(to: string): Promise<void> {
  const signed = await signedTransfer(tronWeb, erin, to, 1_000)
  expect(await tronWeb.trx.sendRawTransaction(signed)).toMatchObject({ result: true })
  await confirmed(tronWeb, signed.txID)
}

/** Quotes a transfer, sends it, and returns the quote beside what the chain charged. */
async function quoteThenSend(to: string): Promise<{ quoted: number; charged: number }> {
  const signed = await signedTransfer(tronWeb, erin, to, 1_000)
  const { feeSun } = await estimateTransferFee(devnet.url, erin.address, to, signed.raw_data_hex, false)
  expect(await tronWeb.trx.sendRawTransaction(signed)).toMatchObject({ result: true })
  const info = await confirmed(tronWeb, signed.txID)
  return { quoted: feeSun, charged: info.fee ?? 0 }
}

describe('estimateTransferFee against the chain', () => {
  it('quotes 0 for a staked sender whose free bandwidth is used up, and burns only once the stake is used too', async () => {
    // Two transfers use up the 600 free points of the day; the third burns.
    await send(bob.address)
    await send(bob.address)
    const burnt = await quoteThenSend(bob.address)
    expect(burnt.quoted).toBe(burnt.charged)
    expect(burnt.charged).toBeGreaterThan(250_000)
    devnet.stakeBandwidth(erin.address, 300)
    expect(await quoteThenSend(bob.address)).toEqual({ quoted: 0, charged: 0 })
    // 300 staked points covered one transfer of ~266 bytes; the next burns again.
    const next = await quoteThenSend(bob.address)
    expect(next.quoted).toBe(next.charged)
    expect(next.charged).toBeGreaterThan(0)
  }, 30_000)

  it('quotes 1 TRX, not 1.1, for creating an account when staked bandwidth pays its bandwidth part', async () => {
    devnet.stakeBandwidth(erin.address, 10_000)
    const fresh = utils.accounts.generateAccount().address.base58
    expect(await quoteThenSend(fresh)).toEqual({ quoted: 1_000_000, charged: 1_000_000 })
  }, 30_000)
})
