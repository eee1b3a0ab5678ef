// Pure checks, nothing faked: what a receipt read back from storage must look like.
import { describe, expect, it } from 'vitest'
import { advance, createIntent, isReceipt } from './receipt'

const receipt = createIntent({
  networkId: 'devnet',
  chainId: '0xde7e7e70',
  nodeUrl: 'http://127.0.0.1:8090',
  from: 'TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC',
  to: 'TQKLs3GzCNLjzyCvaPWSrqcpUGUhadxm7P',
  amountSun: 1_500_000,
})

describe('isReceipt', () => {
  it('accepts receipts at every step', () => {
    expect(isReceipt(receipt)).toBe(true)
    expect(
      isReceipt(advance(receipt, 'failed', { error: { code: 'walletError.declined', params: {} } })),
    ).toBe(true)
  })

  it('refuses an unknown status, a fractional amount, missing fields and non-objects', () => {
    expect(isReceipt({ ...receipt, status: 'paid-twice' })).toBe(false)
    expect(isReceipt({ ...receipt, amountSun: 0.5 })).toBe(false)
    expect(isReceipt({ ...receipt, to: undefined })).toBe(false)
    expect(isReceipt({ ...receipt, createdAt: '2026' })).toBe(false)
    expect(isReceipt(null)).toBe(false)
    expect(isReceipt('receipt')).toBe(false)
  })
})
