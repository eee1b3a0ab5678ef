/** The chain without HTTP: pending effects, sealing, and the solidified view trailing the head. */
import { describe, expect, it } from 'vitest'
import { TronWeb, utils } from 'tronweb'
import { parseAddress } from './address.ts'
import { BroadcastRefusal } from './broadcast.ts'
import { Chain } from './chain.ts'
import { devAccount } from './testing.ts'

const alice = devAccount('alice')
const bob = devAccount('bob')
const offline = new TronWeb({ fullHost: 'http://127.0.0.1:9' })

function address(text: string): Uint8Array {
  const parsed = parseAddress(text)
  if (!parsed) throw new Error(`bad address ${text}`)
  return parsed
}

/** A chain with a clock that moves one second per reading. */
function testChain(solidityLagBlocks: number): Chain {
  let now = 1_800_000_000_000
  return new Chain({ accounts: [alice, bob], solidityLagBlocks, clock: () => (now += 1_000) })
}

async function transfer(chain: Chain, amount: number) {
  const head = chain.head()
  const tx = await offline.transactionBuilder.sendTrx(bob.address, amount, alice.address, {
    blockHeader: {
      ref_block_bytes: head.id.slice(12, 16),
      ref_block_hash: head.id.slice(16, 32),
      expiration: head.header.timestamp + 60_000,
      timestamp: head.header.timestamp,
    },
  })
  return utils.crypto.signTransaction(alice.privateKey, tx)
}

describe('Chain', () => {
  it('shows a transfer at the head at once, in a block next, and solidified a fixed number of blocks later', async () => {
    const chain = testChain(2)
    chain.produceBlock()
    const tx = await transfer(chain, 5_000)
    const admitted = chain.broadcast(tx)
    expect(admitted.id).toBe(tx.txID)

    const bobAt = (view: 'head' | 'solid') => chain.account(address(bob.address), view)?.balance
    expect(bobAt('head')).toBe(bob.balanceSun + 5_000)
    expect(bobAt('solid')).toBe(bob.balanceSun)
    expect(chain.transaction(tx.txID, 'head')).toMatchObject({ block: undefined })
    expect(chain.confirmedTransactionCount()).toBe(0)

    const block = chain.produceBlock()
    expect(block.header.number).toBe(2)
    expect(block.transactions.map((sealed) => sealed.id)).toEqual([tx.txID])
    expect(chain.transaction(tx.txID, 'head')?.block).toBe(block)
    expect(chain.transaction(tx.txID, 'solid')).toBeUndefined()
    expect(chain.confirmedTransactionCount()).toBe(1)

    chain.produceBlock()
    expect(bobAt('solid')).toBe(bob.balanceSun)
    chain.produceBlock()
    expect(chain.solidHead()).toBe(block)
    expect(bobAt('solid')).toBe(bob.balanceSun + 5_000)
    expect(chain.transaction(tx.txID, 'solid')?.block).toBe(block)
  })

  it('chains blocks by parent hash and stamps them with increasing times', () => {
    const chain = testChain(0)
    const first = chain.produceBlock()
    const second = chain.produceBlock()
    expect(Buffer.from(second.header.parentHash).toString('hex')).toBe(first.id)
    expect(Buffer.from(first.header.parentHash).toString('hex')).toBe(chain.genesis.id)
    expect(second.header.timestamp).toBeGreaterThan(first.header.timestamp)
    expect(chain.solidHead()).toBe(second)
    expect(chain.blockByNumber(1)).toBe(first)
    expect(chain.blockById(second.id.toUpperCase())).toBe(second)
  })

  it('refuses a transaction whose reference block is not one of its own', async () => {
    const chain = testChain(0)
    chain.produceBlock()
    const elsewhere = testChain(0)
    elsewhere.produceBlock()
    elsewhere.produceBlock()
    const tx = await transfer(elsewhere, 1)
    expect(() => chain.broadcast(tx)).toThrow(BroadcastRefusal)
    try {
      chain.broadcast(tx)
    } catch (error) {
      expect(error).toMatchObject({ code: 'TAPOS_ERROR', txid: tx.txID })
    }
  })
})
