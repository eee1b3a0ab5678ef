// Real TronWeb encoding and signatures, no node: transactions are built from a given block header.
import { TronWeb } from 'tronweb'
import { describe, expect, it } from 'vitest'
import { rawDataMatches } from './raw-data'
import type { SignedTransaction } from './receipt'

const key = '11'.repeat(32)
const from = TronWeb.address.fromPrivateKey(key) as string
const to = TronWeb.address.fromPrivateKey('22'.repeat(32)) as string
const thief = TronWeb.address.fromPrivateKey('33'.repeat(32)) as string
const blockHeader = {
  ref_block_bytes: '0a1b',
  ref_block_hash: '0123456789abcdef',
  timestamp: 1_790_000_000_000,
  expiration: 1_790_000_060_000,
}

async function signedTransfer(): Promise<SignedTransaction> {
  // The host is never contacted: the block header is given, so TronWeb builds in the page.
  const tronWeb = new TronWeb({ fullHost: 'http://127.0.0.1:9' })
  const built = await tronWeb.transactionBuilder.sendTrx(to, 700_000, from, { blockHeader })
  return (await tronWeb.trx.sign(built, key)) as unknown as SignedTransaction
}

describe('the JSON raw_data is checked against raw_data_hex before a broadcast (issue 16, L2)', () => {
  it('accepts the transaction as built and signed', async () => {
    expect(await rawDataMatches(await signedTransfer())).toBe(true)
  })

  it('refuses JSON that pays someone else, another amount, or expires later than the hex says', async () => {
    const signed = await signedTransfer()
    const contract = (signed.raw_data.contract as { parameter: { value: Record<string, unknown> } }[])[0]!
    const withValue = (value: Record<string, unknown>): SignedTransaction => ({
      ...signed,
      raw_data: {
        ...signed.raw_data,
        contract: [{ ...contract, parameter: { ...contract.parameter, value } }],
      },
    })
    expect(
      await rawDataMatches(
        withValue({ ...contract.parameter.value, to_address: TronWeb.address.toHex(thief) }),
      ),
    ).toBe(false)
    expect(await rawDataMatches(withValue({ ...contract.parameter.value, amount: 7_000_000 }))).toBe(false)
    expect(
      await rawDataMatches({ ...signed, raw_data: { ...signed.raw_data, expiration: 1_790_086_400_000 } }),
    ).toBe(false)
  })

  it('refuses a txID that is not the hash of raw_data_hex, and JSON that does not encode at all', async () => {
    const signed = await signedTransfer()
    expect(await rawDataMatches({ ...signed, txID: 'ab'.repeat(32) })).toBe(false)
    expect(await rawDataMatches({ ...signed, raw_data: { expiration: 1, timestamp: 1 } })).toBe(false)
  })
})
