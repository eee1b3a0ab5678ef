import { describe, expect, it } from 'vitest'
import {
  NodeErrorBody,
  NodeRateLimitedError,
  classifyWalletError,
  isTransientNodeError,
} from './wallet-errors'

function adapterError(name: string, message: string, inner?: unknown): Error {
  const error = new Error(message) as Error & { error?: unknown }
  error.name = name
  error.error = inner
  return error
}

describe('classifyWalletError', () => {
  it('tells the situations apart, each with its own message', () => {
    const cases: [unknown, string][] = [
      [adapterError('WalletNotFoundError', 'The wallet is not found.'), 'not-installed'],
      [adapterError('WalletConnectionError', 'The user rejected connection.', { code: 4001 }), 'rejected'],
      [adapterError('WalletSignTransactionError', 'Confirmation declined by user'), 'rejected'],
      [
        adapterError('WalletConnectionError', 'locked', { code: 4100, message: 'The wallet is locked' }),
        'locked',
      ],
      [
        adapterError('WalletDisconnectedError', 'The wallet is disconnected. Please connect first.'),
        'disconnected',
      ],
      [new Error('Network Error'), 'node-unreachable'],
      [new TypeError('Failed to fetch'), 'node-unreachable'],
      [new Error('something odd'), 'other'],
    ]
    const messages = new Set<string>()
    for (const [error, problem] of cases) {
      const classified = classifyWalletError(error, 'http://127.0.0.1:8090')
      expect(classified.problem).toBe(problem)
      messages.add(classified.message)
    }
    // Both unreachable cases share one message; every other case has its own.
    expect(messages.size).toBe(cases.length - 1)
  })

  it('names the node that cannot be reached', () => {
    expect(classifyWalletError(new Error('Network Error'), 'http://127.0.0.1:8090').message).toContain(
      'http://127.0.0.1:8090',
    )
  })

  it('says what a limiting or failing node did, as a node problem, and keeps it recognisable as transient', () => {
    const limited = new NodeRateLimitedError('wallet/getaccount', 429, 'too many requests')
    const problem = classifyWalletError(limited, 'https://api.trongrid.io')
    expect(problem.problem).toBe('node-unreachable')
    expect(problem.message).toContain('is limiting')
    expect(problem.stored).toEqual({
      code: 'walletError.nodeLimited',
      params: { url: 'https://api.trongrid.io' },
    })
    const body = classifyWalletError(
      new NodeErrorBody('wallet/getaccount', null, 'class X : bad'),
      'http://n.test',
    )
    expect(body.problem).toBe('node-unreachable')
    expect(body.message).toContain('class X : bad')
    expect(isTransientNodeError(limited)).toBe(true)
    expect(isTransientNodeError({ transient: true })).toBe(true)
    expect(isTransientNodeError(new Error('Network Error'))).toBe(false)
  })
})
