/**
 * A local TRON-compatible node for development and tests: the subset of java-tron's HTTP API that
 * TronWeb 6 and the TronLink adapter use for TRX transfers, validating and charging like mainnet.
 * Development and test only: it is not a TRON node (one producer, no peers, no persistence, nothing
 * but TransferContract), and the keys in accounts.json are public. It listens on loopback.
 */
import type { AddressInfo } from 'node:net'
import { loadAccounts, type FundedAccount } from './accounts.ts'
import { parseAddress } from './address.ts'
import { devnetRoutes } from './api.ts'
import { Chain } from './chain.ts'
import { createJsonServer } from './http.ts'

export type { FundedAccount } from './accounts.ts'

export interface DevnetOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** 0 picks a free port. */
  port: number
  /** A new block this often; default 300 ms (mainnet: 3 s). */
  blockIntervalMs?: number
  /** Default: accounts.json. */
  accounts?: FundedAccount[]
  /** How far walletsolidity/* trails the head; default 3 blocks. */
  solidityLagBlocks?: number
  /**
   * Tests that need a second, different network (a wallet switching networks) pass another nonce;
   * the default genesis is the one the app knows as the local devnet.
   */
  genesisNonce?: bigint
}

export interface RunningDevnet {
  /** http://127.0.0.1:PORT, to use as TronWeb's fullHost or a TronLink custom node. */
  url: string
  /** '0x' + the last 8 hex digits of the genesis block id, as the TronLink adapter computes it. */
  chainId: string
  genesisBlockId: string
  close(): Promise<void>
  /**
   * Test helper: the node goes off the network (connections refused, open ones cut) while its chain
   * keeps producing blocks, as a node restart or an outage looks to a client; `goOnline` reopens the
   * same port with the same chain.
   */
  goOffline(): Promise<void>
  goOnline(): Promise<void>
  /** Test helper: an account's balance in sun at the head (pending transactions included), 0 if none. */
  balanceOf(address: string): number
  /** Test helper: transactions sealed in blocks so far. */
  transactionCount(): number
}

export async function startDevnet(options: DevnetOptions): Promise<RunningDevnet> {
  const host = options.host ?? '127.0.0.1'
  const clock = Date.now
  const chain = new Chain({
    accounts: options.accounts ?? loadAccounts(),
    solidityLagBlocks: options.solidityLagBlocks ?? 3,
    clock,
    ...(options.genesisNonce === undefined ? {} : { genesisNonce: options.genesisNonce }),
  })
  // Block 1 at once: genesis is stamped 1970, and a transaction referring to it would expire at once.
  chain.produceBlock()
  const server = createJsonServer(devnetRoutes(chain, clock))
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  const stopListening = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()))
      server.closeAllConnections()
    })
  await listen(options.port)
  const timer = setInterval(() => chain.produceBlock(), options.blockIntervalMs ?? 300)
  const { port } = server.address() as AddressInfo
  const genesisBlockId = chain.genesis.id
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    chainId: `0x${genesisBlockId.slice(-8)}`,
    genesisBlockId,
    close: () => {
      clearInterval(timer)
      return server.listening ? stopListening() : Promise.resolve()
    },
    goOffline: stopListening,
    goOnline: () => listen(port),
    balanceOf: (address) => {
      const parsed = parseAddress(address)
      return parsed ? (chain.account(parsed, 'head')?.balance ?? 0) : 0
    },
    transactionCount: () => chain.confirmedTransactionCount(),
  }
}
