/**
 * The TRON networks the app knows. The TronLink adapter names a network by its chain id, '0x' + the
 * last 8 hex digits of the genesis block id; 32 bits can be ground (the devnet's were), so a node is
 * only trusted to be on a network once its full genesis block id matches (`networkByGenesis`).
 */
export type NetworkId = 'mainnet' | 'shasta' | 'nile' | 'devnet'

export interface Network {
  /** Also names the network in the interface: the catalog's `network.<id>` message. */
  id: NetworkId
  chainId: string
  /** The whole genesis block id (block 0's `blockID`), which the chain id abbreviates. */
  genesisBlockId: string
  /** Testnets and the devnet hold no real money; the UI says so. */
  realMoney: boolean
  /** Block explorer base (TronScan), or null for the local devnet. */
  explorer: string | null
}

/** The local development node in tools/devnet announces this genesis; its unit test checks it. */
export const DEVNET_CHAIN_ID = '0xde7e7e70'
export const DEVNET_GENESIS_BLOCK_ID = '000000000000000000f0f92166f0d1937e9111163caf075f3803783fde7e7e70'

export const NETWORKS: readonly Network[] = [
  {
    id: 'mainnet',
    chainId: '0x2b6653dc',
    genesisBlockId: '00000000000000001ebf88508a03865c71d452e25f4d51194196a1d22b6653dc',
    realMoney: true,
    explorer: 'https://tronscan.org',
  },
  {
    id: 'shasta',
    chainId: '0x94a9059e',
    genesisBlockId: '0000000000000000de1aa88295e1fcf982742f773e0419c5a9c134c994a9059e',
    realMoney: false,
    explorer: 'https://shasta.tronscan.org',
  },
  {
    id: 'nile',
    chainId: '0xcd8690dc',
    genesisBlockId: '0000000000000000d698d4192c56cb6be724a558448e2684802de4d6cd8690dc',
    realMoney: false,
    explorer: 'https://nile.tronscan.org',
  },
  {
    id: 'devnet',
    chainId: DEVNET_CHAIN_ID,
    genesisBlockId: DEVNET_GENESIS_BLOCK_ID,
    realMoney: false,
    explorer: null,
  },
]

/** The network for a chain id, or null when the wallet is on a network the app does not support. */
export function networkByChainId(chainId: string): Network | null {
  const normalised = chainId.toLowerCase()
  return NETWORKS.find((network) => network.chainId === normalised) ?? null
}

/**
 * The network whose genesis block id is exactly `genesisBlockId` (block 0's `blockID` as a node
 * returns it), or null: a node whose genesis only shares the last 32 bits is another chain.
 */
export function networkByGenesis(genesisBlockId: string): Network | null {
  const normalised = genesisBlockId.toLowerCase()
  return NETWORKS.find((network) => network.genesisBlockId === normalised) ?? null
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
