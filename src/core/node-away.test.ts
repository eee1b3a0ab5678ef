/**
 * Which errors the payment workflow treats as "the node is away, keep the receipt and ask again":
 * the typed transient node errors of tron/wallet-errors.ts among them. Nothing is faked: the errors
 * are constructed as the node transport throws them.
 */
import { describe, expect, it } from 'vitest'
import { isNodeAway } from './payments'
import { NodeErrorBody, NodeHttpError, NodeRateLimitedError, WalletProblemError } from '../tron/wallet-errors'

describe('isNodeAway', () => {
  it('counts rate limits, HTTP failures and {"Error"} bodies as the node being away, never as a refusal', () => {
    expect(isNodeAway(new NodeRateLimitedError('wallet/broadcasttransaction', 403, 'banned'))).toBe(true)
    expect(isNodeAway(new NodeHttpError('walletsolidity/gettransactioninfobyid', 404, 'Not Found'))).toBe(
      true,
    )
    expect(
      isNodeAway(new NodeErrorBody('wallet/broadcasttransaction', null, 'class java.lang.Exception')),
    ).toBe(true)
    expect(isNodeAway(new WalletProblemError('rejected', 'declined'))).toBe(false)
    expect(isNodeAway(new Error('something else'))).toBe(false)
  })
})
