/**
 * Test builds only: a chain whose broadcast never happens for a transfer built in this page load
 * while `localStorage['fault:halt-before-broadcast'] = '1'`, so that a test can kill the tab right
 * after the signed transaction is stored. Transactions signed in an earlier page load (the reload
 * that reconciles them) go through: the fault is the crash, not the chain.
 */
import type { ChainPort } from '../core/ports'
import { haltBeforeBroadcastRequested } from './test-hooks'

/**
 * The chain, remembering the transfers built through it in this page load: the crash faults hit
 * only those, never a transaction an earlier page load signed and this one reconciles.
 */
export function rememberingBuiltHere(chain: ChainPort): {
  chain: ChainPort
  builtHere: (txId: string) => boolean
} {
  const built = new Set<string>()
  return {
    chain: {
      ...chain,
      async buildTransfer(connection, request, options) {
        const transfer = await chain.buildTransfer(connection, request, options)
        built.add(transfer.transaction.txID)
        return transfer
      },
    },
    builtHere: (txId) => built.has(txId),
  }
}

export function haltingBeforeBroadcast(inner: ChainPort): ChainPort {
  const { chain, builtHere } = rememberingBuiltHere(inner)
  return {
    ...chain,
    broadcast(nodeUrl, transaction) {
      if (builtHere(transaction.txID) && haltBeforeBroadcastRequested()) {
        return new Promise<never>(() => {})
      }
      return chain.broadcast(nodeUrl, transaction)
    },
  }
}
