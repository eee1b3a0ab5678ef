/**
 * A local TRON-compatible node for development and tests: the subset of java-tron's HTTP API that
 * TronWeb 6 and the TronLink adapter use for TRX transfers, validating and charging like mainnet.
 * Development and test only: it is not a TRON node (one producer, no peers, no persistence, nothing
 * but TransferContract), and the keys in accounts.json are public. It listens on loopback.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadAccounts, type FundedAccount } from './accounts.ts'
import { parseAddress } from './address.ts'
import { devnetRoutes } from './api.ts'
import { Chain } from './chain.ts'
import { createJsonServer, type Handler } from './http.ts'
import { resolvePace, type Pace } from './pace.ts'
import { RateLimiter, type RateLimitOptions, type RefusalStatus } from './rate-limit.ts'

export type { FundedAccount } from './accounts.ts'
export type { Pace } from './pace.ts'
export type { RateLimitOptions, RefusalStatus } from './rate-limit.ts'

export interface DevnetOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** 0 picks a free port. */
  port: number
  /** 'mainnet': 3 s blocks, solidified 19 blocks behind. Default 'devnet': 300 ms, 3 blocks. */
  pace?: Pace
  /** A new block this often; overrides the pace's (mainnet: 3 s). */
  blockIntervalMs?: number
  /** Default: accounts.json. */
  accounts?: FundedAccount[]
  /** How far walletsolidity/* trails the head; overrides the pace's. */
  solidityLagBlocks?: number
  /**
   * Tests that need a second, different network (a wallet switching networks) pass another nonce;
   * the default genesis is the one the app knows as the local devnet.
   */
  genesisNonce?: bigint
  /**
   * The devnet's old, kinder broadcast order: a known transaction id is answered DUP_TRANSACTION_ERROR
   * before anything else, so a rebroadcast of an expired transfer that landed is never
   * TRANSACTION_EXPIRATION_ERROR. Default false: java-tron's order.
   */
  duplicateFirst?: boolean
  /** A rate limit like TronGrid's on key-less requests. Default none. */
  rateLimit?: RateLimitOptions
  /**
   * Serve walletsolidity/* on this second port (0 = any free one) and not on `port`, as a self-hosted
   * java-tron does (its solidity HTTP service, 8091 by default). Default: both on `port`, as TronGrid.
   */
  solidityPort?: number
  /**
   * Default true (TronGrid sends CORS headers). False sends none on either port, as a self-hosted
   * java-tron: a web page on another origin cannot read its answers.
   */
  cors?: boolean
}

export interface RunningDevnet {
  /** http://127.0.0.1:PORT, to use as TronWeb's fullHost or a TronLink custom node. */
  url: string
  /** Where walletsolidity/* is served: `url` unless `solidityPort` was given. */
  solidityUrl: string
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
  /**
   * Test helper: every key-less request is refused for the next `ms`, with 403 and TronGrid's body by
   * default (a rate-limited public node), whether or not `rateLimit` was given.
   */
  setRateLimited(ms: number, status?: RefusalStatus): void
  /** Test helper: the account gets `points` of staked bandwidth (NetLimit), used before free bandwidth. */
  stakeBandwidth(address: string, points: number): void
  /**
   * Test helper: the next `count` broadcasts are carried out (accepted or refused as usual) but their
   * HTTP answer is lost: the connection is reset instead, as when a gateway or the network fails.
   */
  dropBroadcastAnswers(count?: number): void
  /** Test helper: the pending pool is evicted; those transactions never land. Returns their ids. */
  dropPending(): string[]
}

export async function startDevnet(options: DevnetOptions): Promise<RunningDevnet> {
  const host = options.host ?? '127.0.0.1'
  const clock = Date.now
  const pace = resolvePace(options)
  const chain = new Chain({
    accounts: options.accounts ?? loadAccounts(),
    solidityLagBlocks: pace.solidityLagBlocks,
    blockIntervalMs: pace.blockIntervalMs,
    checkOrder: options.duplicateFirst ? 'duplicate-first' : 'java-tron',
    clock,
    ...(options.genesisNonce === undefined ? {} : { genesisNonce: options.genesisNonce }),
  })
  // Block 1 at once: genesis is stamped 1970, and a transaction referring to it would expire at once.
  chain.produceBlock()
  const limiter = new RateLimiter(options.rateLimit, clock)
  let answersToDrop = 0
  const serverOptions = {
    cors: options.cors ?? true,
    gate: (apiKey: string | undefined) => limiter.check(apiKey),
    dropAnswer: (path: string) => {
      if (path !== '/wallet/broadcasttransaction' || answersToDrop === 0) return false
      answersToDrop -= 1
      return true
    },
  }
  const routes = devnetRoutes(chain, clock)
  const separate = options.solidityPort !== undefined
  const main = createJsonServer(separate ? pick(routes, (path) => !isSolidity(path)) : routes, serverOptions)
  const solidity = separate ? createJsonServer(pick(routes, isSolidity), serverOptions) : undefined

  const mainPort = await listen(main, options.port, host)
  const solidityPort = solidity ? await listen(solidity, options.solidityPort ?? 0, host) : mainPort
  const timer = setInterval(() => chain.produceBlock(), pace.blockIntervalMs)
  const servers: [Server, number][] = solidity
    ? [
        [main, mainPort],
        [solidity, solidityPort],
      ]
    : [[main, mainPort]]
  const urlOf = (port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  const genesisBlockId = chain.genesis.id
  return {
    url: urlOf(mainPort),
    solidityUrl: urlOf(solidityPort),
    chainId: `0x${genesisBlockId.slice(-8)}`,
    genesisBlockId,
    close: async () => {
      clearInterval(timer)
      await Promise.all(
        servers.filter(([server]) => server.listening).map(([server]) => stopListening(server)),
      )
    },
    goOffline: async () => {
      await Promise.all(servers.map(([server]) => stopListening(server)))
    },
    goOnline: async () => {
      await Promise.all(servers.map(([server, port]) => listen(server, port, host)))
    },
    balanceOf: (address) => {
      const parsed = parseAddress(address)
      return parsed ? (chain.account(parsed, 'head')?.balance ?? 0) : 0
    },
    transactionCount: () => chain.confirmedTransactionCount(),
    setRateLimited: (ms, status) => limiter.refuseFor(ms, status),
    stakeBandwidth: (address, points) => {
      const parsed = parseAddress(address)
      if (!parsed) throw new Error(`not a TRON address: ${address}`)
      chain.stakeBandwidth(parsed, points)
    },
    dropBroadcastAnswers: (count = 1) => {
      answersToDrop += count
    },
    dropPending: () => chain.dropPending(),
  }
}

const isSolidity = (path: string) => path.startsWith('/walletsolidity/')

function pick(routes: ReadonlyMap<string, Handler>, keep: (path: string) => boolean): Map<string, Handler> {
  return new Map([...routes].filter(([path]) => keep(path)))
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function stopListening(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}
