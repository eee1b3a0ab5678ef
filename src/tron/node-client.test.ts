/**
 * The chain readers through the real TronWeb and the page's node transport, with the global fetch
 * replaced by a fake node (scripted JSON per endpoint, no network). What is checked: a java-tron
 * `{"Error"}` body is an error everywhere, never an empty account or a zero balance, and
 * `/walletsolidity` is asked at the solidity node's own URL.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { headBalanceSun, isActivated, readConfirmedTransfer } from './chain'
import { nodeTransport, setSolidityNode } from './node-client'
import { NodeErrorBody, isTransientNodeError } from './wallet-errors'

const ADDRESS = 'TQKLs3GzCNLjzyCvaPWSrqcpUGUhadxm7P'
const ERROR_BODY = { Error: 'class java.lang.IllegalArgumentException : something went wrong' }

let answers: Record<string, unknown>
let asked: { url: string; headers: Record<string, string> }[]

beforeEach(() => {
  answers = {}
  asked = []
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    asked.push({ url, headers: init.headers as Record<string, string> })
    const path = new URL(url).pathname.slice(1)
    return Promise.resolve(new Response(JSON.stringify(answers[path] ?? {}), { status: 200 }))
  })
})
afterEach(() => {
  vi.unstubAllGlobals()
  nodeTransport.setApiKey(null)
})

describe('chain readers through the node transport (fake fetch)', () => {
  it('never reads an {"Error"} body for getaccount as "not activated" or as a zero balance', async () => {
    // TronWeb reads accounts from the solidified state.
    answers['walletsolidity/getaccount'] = ERROR_BODY
    const activated: unknown = await isActivated('http://error.test', ADDRESS).catch(
      (error: unknown) => error,
    )
    expect(activated).toBeInstanceOf(NodeErrorBody)
    expect(isTransientNodeError(activated)).toBe(true)
    await expect(headBalanceSun('http://error.test', ADDRESS)).rejects.toBeInstanceOf(NodeErrorBody)
    // An empty answer is java-tron's "no such account": that one is data.
    answers['walletsolidity/getaccount'] = {}
    await expect(isActivated('http://error.test', ADDRESS)).resolves.toBe(false)
  })

  it('asks /walletsolidity at the solidity node and sends the API key to both', async () => {
    setSolidityNode('http://full.test:8090/', 'http://full.test:8091')
    nodeTransport.setApiKey('1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f')
    await expect(readConfirmedTransfer('http://full.test:8090', 'ab'.repeat(32))).resolves.toEqual({
      kind: 'pending',
    })
    expect(asked.map((request) => request.url)).toEqual([
      'http://full.test:8091/walletsolidity/gettransactioninfobyid',
    ])
    expect(asked[0]?.headers['TRON-PRO-API-KEY']).toBe('1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f')
  })
})
