/**
 * A devnet shaped like a self-hosted java-tron: walletsolidity/* on its own port (java-tron's solidity
 * HTTP service, HttpApiOnSolidityService, 8091 by default) and no CORS headers on either port; and
 * the default, shaped like TronGrid (one port, CORS). Real devnets on free ports; nothing is faked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevnet, type RunningDevnet } from './server.ts'
import { devAccount } from './testing.ts'

const alice = devAccount('alice')
let selfHosted: RunningDevnet

beforeAll(async () => {
  selfHosted = await startDevnet({ port: 0, blockIntervalMs: 100, solidityPort: 0, cors: false })
})
afterAll(() => selfHosted.close())

const get = (base: string, path: string, init?: RequestInit) => fetch(`${base}${path}`, init)

describe('self-hosted java-tron shape', () => {
  it('serves walletsolidity/* on the solidity port only, and wallet/* on the main port only', async () => {
    expect(selfHosted.solidityUrl).not.toBe(selfHosted.url)
    const query = `?address=${alice.address}&visible=true`
    expect((await get(selfHosted.url, `/walletsolidity/getaccount${query}`)).status).toBe(404)
    const solid = await get(selfHosted.solidityUrl, `/walletsolidity/getaccount${query}`)
    expect(await solid.json()).toMatchObject({ address: alice.address, balance: alice.balanceSun })
    expect((await get(selfHosted.solidityUrl, '/wallet/getnowblock')).status).toBe(404)
    expect((await get(selfHosted.url, '/wallet/getnowblock')).status).toBe(200)
  })

  it('sends no CORS header on either port, and no preflight answer a browser accepts', async () => {
    for (const [base, path] of [
      [selfHosted.url, '/wallet/getnowblock'],
      [selfHosted.solidityUrl, '/walletsolidity/getnowblock'],
    ] as const) {
      const response = await get(base, path, { headers: { Origin: 'http://example.test' } })
      expect(response.status).toBe(200)
      expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([])
      const preflight = await get(base, path, {
        method: 'OPTIONS',
        headers: { Origin: 'http://example.test', 'Access-Control-Request-Method': 'POST' },
      })
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    }
  })

  it('goes offline and online on both ports', async () => {
    await selfHosted.goOffline()
    await expect(get(selfHosted.solidityUrl, '/walletsolidity/getnowblock')).rejects.toThrow()
    await selfHosted.goOnline()
    expect((await get(selfHosted.solidityUrl, '/walletsolidity/getnowblock')).status).toBe(200)
  })
})

describe('default (TronGrid shape)', () => {
  it('serves both on one port with CORS', async () => {
    const devnet = await startDevnet({ port: 0 })
    try {
      expect(devnet.solidityUrl).toBe(devnet.url)
      const response = await get(devnet.url, '/walletsolidity/getnowblock')
      expect(response.status).toBe(200)
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
    } finally {
      await devnet.close()
    }
  })
})
