/**
 * Test builds only: a chain whose broadcast never happens for a transfer built in this page load
 * while `localStorage['fault:halt-before-broadcast'] = '1'`, so that a test can kill the tab right
 * after the signed transaction is stored. Transactions signed in an earlier page load (the reload
 * that reconciles them) go through: the fault is the crash, not the chain.
 */
import type { ChainPort } from '../core/ports'
import { haltBeforeBroadcastRequested } from './test-hooks'

export function haltingBeforeBroadcast(chain: ChainPort): ChainPort {
  const builtHere = new Set<string>()
  return {
    ...chain,
    async buildTransfer(connection, request, options) {
      const built = await chain.buildTransfer(connection, request, options)
      builtHere.add(built.transaction.txID)
      return built
    },
    broadcast(nodeUrl, transaction) {
      if (builtHere.has(transaction.txID) && haltBeforeBroadcastRequested()) {
        return new Promise<never>(() => {})
      }
      return chain.broadcast(nodeUrl, transaction)
    },
  }
}
