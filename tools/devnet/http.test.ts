/** The node's identity and HTTP surface: genesis, CORS, limits, `{}` for unknown things, shapes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TronWeb } from 'tronweb'
import { DEVNET_CHAIN_ID, DEVNET_GENESIS_BLOCK_ID } from '../../src/tron/networks.ts'
import { MAX_BODY_BYTES } from './http.ts'
import { startDevnet, type RunningDevnet } from './server.ts'
import { devAccount, post, startTestDevnet } from './testing.ts'

let devnet: RunningDevnet
let tronWeb: TronWeb
const alice = devAccount('alice')

beforeAll(async () => {
  ;({ devnet, tronWeb } = await startTestDevnet())
})
afterAll(() => devnet.close())

describe('network identity', () => {
  it('has a fixed genesis whose id names the chain as the TronLink adapter does', async () => {
    // The adapter: tronWeb.trx.getBlockByNumber(0), chain id = '0x' + the id's last 8 hex digits.
    const { blockID } = await tronWeb.trx.getBlockByNumber(0)
    expect(`0x${blockID.slice(-8)}`).toBe(devnet.chainId)
    expect(blockID).toBe(devnet.genesisBlockId)
    expect(devnet.chainId).toBe(DEVNET_CHAIN_ID)
    // The app trusts a node's network only on the whole id.
    expect(blockID).toBe(DEVNET_GENESIS_BLOCK_ID)
    expect(['0x2b6653dc', '0x94a9059e', '0xcd8690dc']).not.toContain(devnet.chainId)
    expect(blockID.slice(0, 16)).toBe('0'.repeat(16))

    const other = await startDevnet({ port: 0, accounts: [] })
    try {
      expect(other.genesisBlockId).toBe(devnet.genesisBlockId)
      expect(await post(other, '/wallet/getblockbynum', { num: 0 })).toEqual(
        await post(devnet, '/wallet/getblockbynum', { num: 0 }),
      )
    } finally {
      await other.close()
    }
  })

  it('produces chained blocks whose ids start with their number, stamped with the wall clock', async () => {
    const head = await post(devnet, '/wallet/getblock', { detail: false })
    const header = head['block_header'] as {
      raw_data: { number: number; parentHash: string; timestamp: number }
    }
    const { number, parentHash, timestamp } = header.raw_data
    expect(Math.abs(timestamp - Date.now())).toBeLessThan(5_000)
    expect(head['blockID']).toMatch(new RegExp(`^${number.toString(16).padStart(16, '0')}`))
    const parent = await tronWeb.trx.getBlockByNumber(number - 1)
    expect(parent.blockID).toBe(parentHash)
    expect(await tronWeb.trx.getBlockByHash(parentHash)).toEqual(parent)
    // The solidified head trails the head (genesis, right after start: java-tron omits its number 0).
    const solid = await tronWeb.trx.getConfirmedCurrentBlock()
    const current = await tronWeb.trx.getCurrentBlock()
    expect(solid.block_header.raw_data.number ?? 0).toBeLessThan(current.block_header.raw_data.number)
  })
})

describe('HTTP', () => {
  it('answers a CORS preflight, and sends CORS headers on every answer', async () => {
    const preflight = await fetch(`${devnet.url}/wallet/broadcasttransaction`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://example.test',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,tron-pro-api-key',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Content-Type.*TRON-PRO-API-KEY/)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
    for (const path of ['/wallet/getnowblock', '/no/such/path']) {
      const response = await fetch(`${devnet.url}${path}`)
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
    }
  })

  it('answers unknown paths with 404 and JSON, oversized bodies with 413', async () => {
    const missing = await fetch(`${devnet.url}/wallet/nosuchthing`, { method: 'POST', body: '{}' })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ Error: 'no such endpoint: /wallet/nosuchthing' })
    const big = await fetch(`${devnet.url}/wallet/broadcasttransaction`, {
      method: 'POST',
      body: JSON.stringify({ raw_data_hex: 'ab'.repeat(MAX_BODY_BYTES / 2) }),
    })
    expect(big.status).toBe(413)
    expect(await big.json()).toMatchObject({ Error: expect.stringContaining('larger than') as unknown })
    // The node is still fine afterwards.
    expect((await fetch(`${devnet.url}/wallet/getnowblock`)).status).toBe(200)
  })

  // Found by fuzzing: a path starting with "//" was resolved as a host name, and "//" alone threw
  // (a 500 from a devnet that was otherwise fine).
  it('reads a path that starts with // as a path', async () => {
    for (const path of ['//', '////////', '//wallet/getnowblock']) {
      const response = await fetch(`${devnet.url}${path}`)
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual({ Error: `no such endpoint: ${path}` })
    }
  })

  it('answers {} for unknown transactions and accounts, on the head and the solidified view', async () => {
    const unknownId = 'ab'.repeat(32)
    for (const node of ['wallet', 'walletsolidity']) {
      expect(await post(devnet, `/${node}/gettransactionbyid`, { value: unknownId })).toEqual({})
      expect(await post(devnet, `/${node}/gettransactioninfobyid`, { value: unknownId })).toEqual({})
      expect(await post(devnet, `/${node}/getaccount`, { address: '41' + '12'.repeat(20) })).toEqual({})
    }
    expect(await post(devnet, '/wallet/getblockbynum', { num: 10_000_000 })).toEqual({})
    expect(await post(devnet, '/wallet/getblockbyid', { value: unknownId })).toEqual({})
    await expect(tronWeb.trx.getTransaction(unknownId)).rejects.toThrow('Transaction not found')
  })

  it('takes GET query strings as java-tron does', async () => {
    const genesis = await fetch(`${devnet.url}/wallet/getblockbynum?num=0`)
    expect(((await genesis.json()) as { blockID: string }).blockID).toBe(devnet.genesisBlockId)
    const account = await fetch(`${devnet.url}/wallet/getaccount?address=${alice.address}&visible=true`)
    expect(await account.json()).toMatchObject({ address: alice.address, balance: alice.balanceSun })
  })

  it('answers in hex for hex requests and in base58 for visible ones', async () => {
    const hex = tronWeb.address.toHex(alice.address)
    expect(await post(devnet, '/wallet/getaccount', { address: hex })).toMatchObject({ address: hex })
    expect(await post(devnet, '/walletsolidity/getaccount', { address: hex, visible: true })).toMatchObject({
      address: alice.address,
      balance: alice.balanceSun,
    })
    expect(await post(devnet, '/wallet/getaccount', { address: 'Tnot-an-address' })).toMatchObject({
      Error: 'class java.lang.IllegalArgumentException : Invalid address: Tnot-an-address',
    })
  })

  it('reports mainnet’s chain parameters, account resources and a node version', async () => {
    const parameters = await tronWeb.trx.getChainParameters()
    const value = (key: string) => parameters.find((parameter) => parameter.key === key)?.value
    expect(value('getTransactionFee')).toBe(1000)
    expect(value('getFreeNetLimit')).toBe(600)
    expect(value('getCreateAccountFee')).toBe(100_000)
    expect(value('getCreateNewAccountFeeInSystemContract')).toBe(1_000_000)
    expect(value('getMemoFee')).toBe(1_000_000)
    expect(value('getEnergyFee')).toBe(420)
    expect(await tronWeb.trx.getAccountResources(alice.address)).toMatchObject({ freeNetLimit: 600 })
    expect(await tronWeb.trx.getBandwidth(alice.address)).toBe(600)
    expect((await tronWeb.trx.getNodeInfo()).configNodeInfo.codeVersion).toMatch(/^\d+\.\d+\.\d+$/)
  })
})
