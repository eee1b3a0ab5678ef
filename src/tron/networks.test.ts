import { describe, expect, it } from 'vitest'
import {
  NETWORKS,
  DEVNET_CHAIN_ID,
  DEVNET_GENESIS_BLOCK_ID,
  addressUrl,
  looksLikeTronAddress,
  networkByChainId,
  networkByGenesis,
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

  it('recognises a network by its whole genesis block id, not by the 32 bits of its chain id', () => {
    expect(networkByGenesis('00000000000000001ebf88508a03865c71d452e25f4d51194196a1d22b6653dc')?.id).toBe(
      'mainnet',
    )
    expect(networkByGenesis(DEVNET_GENESIS_BLOCK_ID.toUpperCase())?.id).toBe('devnet')
    // A ground genesis that ends like mainnet's (as the devnet's was ground to end in de7e7e70).
    const ground = '00000000000000000123456789abcdef0123456789abcdef0123456d2b6653dc'
    expect(ground.endsWith(networkById('mainnet').chainId.slice(2))).toBe(true)
    expect(networkByGenesis(ground)).toBeNull()
    for (const network of NETWORKS) {
      expect(network.genesisBlockId).toMatch(/^[0-9a-f]{64}$/)
      expect(network.genesisBlockId.endsWith(network.chainId.slice(2))).toBe(true)
    }
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
