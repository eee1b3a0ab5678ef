/**
 * Test builds only: while `localStorage['fault:halt-after-broadcast'] = '1'`, a transfer built in this
 * page load is broadcast, and then the page never hears back, as a tab that crashes between the node
 * taking a transaction and the receipt storing it: the receipt stays `signed` though the money moved.
 * The test then closes the page and reopens it later. Transactions signed in an earlier page load go
 * through untouched: the fault is the crash, not the chain.
 */
import type { ChainPort } from '../core/ports'
import { rememberingBuiltHere } from './halt-before-broadcast'
import { haltAfterBroadcastRequested } from './test-hooks'

export function haltingAfterBroadcast(inner: ChainPort): ChainPort {
  const { chain, builtHere } = rememberingBuiltHere(inner)
  return {
    ...chain,
    async broadcast(nodeUrl, transaction) {
      if (!builtHere(transaction.txID) || !haltAfterBroadcastRequested()) {
        return chain.broadcast(nodeUrl, transaction)
      }
      // Whatever the node answered (or if the answer was lost), this page is gone.
      await chain.broadcast(nodeUrl, transaction).catch(() => undefined)
      return new Promise<never>(() => {})
    },
  }
}
