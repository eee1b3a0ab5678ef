// Pure checks, nothing faked: what a stored grant identity (a session key) must look like to be used.
import { describe, expect, it } from 'vitest'
import { isTippingIdentity } from './identity'

describe('isTippingIdentity', () => {
  const identity = {
    address: 'TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC',
    chainId: '0xde7e7e70',
    session: { address: 'TJRabPrwbZy45sbavfcjinPJC18kjpRTv8', privateKey: '11'.repeat(32) },
    proof: { expires: 1_764_086_400_000, grant: '0xab' },
  }

  it('accepts a grant identity and a funded one', () => {
    expect(isTippingIdentity(identity)).toBe(true)
    expect(isTippingIdentity({ ...identity, proof: { funding: 'ef'.repeat(32) } })).toBe(true)
  })

  it('refuses one without its session key or proof', () => {
    expect(isTippingIdentity({ ...identity, session: { address: identity.session.address } })).toBe(false)
    expect(isTippingIdentity({ ...identity, proof: undefined })).toBe(false)
    expect(isTippingIdentity({ ...identity, proof: { expires: 1 } })).toBe(false)
    expect(isTippingIdentity(null)).toBe(false)
  })
})
