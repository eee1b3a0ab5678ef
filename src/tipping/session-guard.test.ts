// Pure checks, nothing faked: what a tipping session (and the key it holds) read back must look like.
import { describe, expect, it } from 'vitest'
import { createSession } from './session'
import { isTippingSession } from './session-guard'

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

describe('isTippingSession', () => {
  it('accepts a stored session', () => {
    expect(isTippingSession(session)).toBe(true)
  })

  it('refuses a session without its wallet key, with an unknown status or a fractional budget', () => {
    expect(isTippingSession({ ...session, wallet: { address: session.wallet.address } })).toBe(false)
    expect(isTippingSession({ ...session, wallet: null })).toBe(false)
    expect(isTippingSession({ ...session, status: 'paused' })).toBe(false)
    expect(isTippingSession({ ...session, budgetSun: 1.5 })).toBe(false)
    expect(isTippingSession(undefined)).toBe(false)
  })
})
