import { describe, expect, it } from 'vitest'
import {
  DEVNET_CHAIN_ID,
  addressUrl,
  looksLikeTronAddress,
  networkByChainId,
  networkById,
  shortAddress,
  transactionUrl,
} from './networks'

describe('networks', () => {
  it('names the public networks by the chain ids the TronLink adapter reports', () => {
    expect(networkByChainId('0x2b6653dc')?.id).toBe('mainnet')
    expect(networkByChainId('0x94A9059E')?.id).toBe('shasta')
    expect(networkByChainId('0xcd8690dc')?.id).toBe('nile')
    expect(networkByChainId(DEVNET_CHAIN_ID)?.id).toBe('devnet')
    expect(networkByChainId('0x12345678')).toBeNull()
  })

  it('links transactions and addresses to TronScan, and devnet transactions to the node', () => {
    const txId = 'ab'.repeat(32)
    expect(transactionUrl(networkById('nile'), txId, 'https://nile.example')).toBe(
      `https://nile.tronscan.org/#/transaction/${txId}`,
    )
    expect(transactionUrl(networkById('devnet'), txId, 'http://127.0.0.1:8090/')).toBe(
      `http://127.0.0.1:8090/wallet/gettransactionbyid?value=${txId}`,
    )
    expect(addressUrl(networkById('mainnet'), 'TQKLs3GzCNLjzyCvaPWSrqcpUGUhadxm7P')).toBe(
      'https://tronscan.org/#/address/TQKLs3GzCNLjzyCvaPWSrqcpUGUhadxm7P',
    )
    expect(addressUrl(networkById('devnet'), 'TQKLs3GzCNLjzyCvaPWSrqcpUGUhadxm7P')).toBeNull()
  })

  it('recognises the shape of an address', () => {
    expect(looksLikeTronAddress('TQKLs3GzCNLjzyCvaPWSrqcpUGUhadxm7P')).toBe(true)
    expect(looksLikeTronAddress('TQKLs3GzCNLjzyCvaPWSrqcpUGUhadxm7')).toBe(false)
    expect(looksLikeTronAddress('0x41aa')).toBe(false)
    expect(looksLikeTronAddress('TQKLs3GzCNLjzyCvaPWSrqcpUGUhadxm7O')).toBe(false)
    expect(shortAddress('TQKLs3GzCNLjzyCvaPWSrqcpUGUhadxm7P')).toBe('TQKLs3…dxm7P')
  })
})
