/**
 * The connect-time node check with a fake node: `request` answers per host and endpoint from a
 * table (or throws what fetch throws), `answersWithoutCors` says whether an opaque answer came.
 */
import { describe, expect, it } from 'vitest'
import { checkNode, type NodeCheckDeps } from './node-check'
import { DEVNET_CHAIN_ID, DEVNET_GENESIS_BLOCK_ID } from './networks'
import { NodeHttpError } from './wallet-errors'

const FULL = 'http://node.test:8090'
const SOLIDITY = 'http://node.test:8091'
const GENESIS = { blockID: DEVNET_GENESIS_BLOCK_ID }
const NOW = { blockID: '00000000000000ff' + 'ab'.repeat(24) }
const NO_CORS = new TypeError('Failed to fetch')

function node(answers: Record<string, unknown>, upWithoutCors = true): NodeCheckDeps & { asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    request(host, endpoint) {
      asked.push(`${host}/${endpoint}`)
      const answer = answers[`${host}/${endpoint}`]
      if (answer instanceof Error) return Promise.reject(answer)
      return Promise.resolve(answer ?? {})
    },
    answersWithoutCors: () => Promise.resolve(upWithoutCors),
  }
}

describe('checkNode', () => {
  it('accepts a node on the wallet’s network whose /walletsolidity answers at its own URL', async () => {
    const fake = node({
      [`${FULL}/wallet/getblockbynum`]: GENESIS,
      [`${SOLIDITY}/walletsolidity/getnowblock`]: NOW,
    })
    const check = await checkNode(FULL, SOLIDITY, DEVNET_CHAIN_ID, fake)
    expect(check).toMatchObject({ ok: true, network: { id: 'devnet' } })
    expect(fake.asked).toEqual([`${FULL}/wallet/getblockbynum`, `${SOLIDITY}/walletsolidity/getnowblock`])
  })

  it('refuses a node that sends no CORS headers, saying why', async () => {
    const check = await checkNode(
      FULL,
      FULL,
      DEVNET_CHAIN_ID,
      node({ [`${FULL}/wallet/getblockbynum`]: NO_CORS }),
    )
    expect(check).toMatchObject({ ok: false, problem: 'no-cors', key: 'node.noCors', params: { url: FULL } })
  })

  it('tells a node that is down from one without CORS', async () => {
    const check = await checkNode(
      FULL,
      FULL,
      DEVNET_CHAIN_ID,
      node({ [`${FULL}/wallet/getblockbynum`]: NO_CORS }, false),
    )
    expect(check).toMatchObject({ ok: false, problem: 'unreachable' })
  })

  it('refuses a node whose /walletsolidity is not served where it is asked (self-hosted: port 8091)', async () => {
    const notFound = new NodeHttpError('walletsolidity/getnowblock', 404, 'Not Found')
    const fake = node({
      [`${FULL}/wallet/getblockbynum`]: GENESIS,
      [`${FULL}/walletsolidity/getnowblock`]: notFound,
    })
    const check = await checkNode(FULL, FULL, DEVNET_CHAIN_ID, fake)
    expect(check).toMatchObject({ ok: false, problem: 'no-solidity', key: 'node.noSolidity' })
  })

  it('refuses a node whose genesis shares only the chain id’s 32 bits with the network’s', async () => {
    const ground = { blockID: '0000000000000000' + '12'.repeat(20) + DEVNET_CHAIN_ID.slice(2) }
    const fake = node({
      [`${FULL}/wallet/getblockbynum`]: ground,
      [`${FULL}/walletsolidity/getnowblock`]: NOW,
    })
    const check = await checkNode(FULL, FULL, DEVNET_CHAIN_ID, fake)
    expect(check).toMatchObject({ ok: false, problem: 'other-genesis', key: 'node.otherGenesis' })
  })

  it('leaves networks the app does not know to the chain id check', async () => {
    const fake = node({})
    expect(await checkNode(FULL, FULL, '0x12345678', fake)).toEqual({ ok: false, problem: 'unknown-network' })
    expect(fake.asked).toEqual([])
  })
})
