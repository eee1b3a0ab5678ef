// Pure checks, nothing faked: what a tipping session (and the key it holds) read back must look like.
import { describe, expect, it } from 'vitest'
import { createSession, isSession } from './session'

const session = createSession(
  {
    networkId: 'devnet',
    chainId: '0xde7e7e70',
    nodeUrl: 'http://127.0.0.1:8090',
    owner: 'TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC',
    rateSunPerGB: 100_000_000,
    budgetSun: 10_000_000,
  },
  { address: 'TJRabPrwbZy45sbavfcjinPJC18kjpRTv8', privateKey: '22'.repeat(32) },
)

describe('isSession', () => {
  it('accepts a stored session', () => {
    expect(isSession(session)).toBe(true)
  })

  it('refuses a session without its wallet key, with an unknown status or a fractional budget', () => {
    expect(isSession({ ...session, wallet: { address: session.wallet.address } })).toBe(false)
    expect(isSession({ ...session, wallet: null })).toBe(false)
    expect(isSession({ ...session, status: 'paused' })).toBe(false)
    expect(isSession({ ...session, budgetSun: 1.5 })).toBe(false)
    expect(isSession(undefined)).toBe(false)
  })
})
