/**
 * The TRON networks the app knows. A network is identified the way the TronLink adapter does it:
 * chain id = '0x' + the last 8 hex digits of the genesis block id, read from the wallet's node.
 */
export type NetworkId = 'mainnet' | 'shasta' | 'nile' | 'devnet'

export interface Network {
  /** Also names the network in the interface: the catalog's `network.<id>` message. */
  id: NetworkId
  chainId: string
  /** Testnets and the devnet hold no real money; the UI says so. */
  realMoney: boolean
  /** Block explorer base (TronScan), or null for the local devnet. */
  explorer: string | null
}

/** The local development node in tools/devnet announces this genesis; its unit test checks it. */
export const DEVNET_CHAIN_ID = '0xde7e7e70'

export const NETWORKS: readonly Network[] = [
  {
    id: 'mainnet',
    chainId: '0x2b6653dc',
    realMoney: true,
    explorer: 'https://tronscan.org',
  },
  {
    id: 'shasta',
    chainId: '0x94a9059e',
    realMoney: false,
    explorer: 'https://shasta.tronscan.org',
  },
  {
    id: 'nile',
    chainId: '0xcd8690dc',
    realMoney: false,
    explorer: 'https://nile.tronscan.org',
  },
  { id: 'devnet', chainId: DEVNET_CHAIN_ID, realMoney: false, explorer: null },
]

/** The network for a chain id, or null when the wallet is on a network the app does not support. */
export function networkByChainId(chainId: string): Network | null {
  const normalised = chainId.toLowerCase()
  return NETWORKS.find((network) => network.chainId === normalised) ?? null
}

export function networkById(id: NetworkId): Network {
  const network = NETWORKS.find((candidate) => candidate.id === id)
  if (!network) throw new Error(`Unknown network ${id}`)
  return network
}

/**
 * Where to look at a transaction: TronScan for the public networks; for the devnet, the node's own
 * JSON answer (it has no explorer).
 */
export function transactionUrl(network: Network, txId: string, nodeUrl: string): string {
  if (network.explorer) return `${network.explorer}/#/transaction/${txId}`
  return `${nodeUrl.replace(/\/+$/, '')}/wallet/gettransactionbyid?value=${txId}`
}

export function addressUrl(network: Network, address: string): string | null {
  return network.explorer ? `${network.explorer}/#/address/${address}` : null
}

/** TRON base58check addresses: 'T' and 33 more base58 characters. The checksum is verified by TronWeb. */
export function looksLikeTronAddress(text: string): boolean {
  return /^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(text)
}

/** "TQKLs3…dxm7P": enough to recognise, short enough for a table cell. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-5)}` : address
}
