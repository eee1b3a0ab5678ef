/**
 * The devnet's chain: blocks, accounts, transactions. One producer, no forks. Accepted transactions
 * change the working state at once (java-tron's full node also shows pending effects) and go into the
 * next block. Each block keeps a snapshot of the accounts so that the solidified view, what
 * walletsolidity/* answers, can lag the head by a fixed number of blocks as it does on mainnet.
 */
import { parseAddress, toHexAddress } from './address.ts'
import { blockIdOf, encodeHeaderRaw, merkleRoot, type BlockHeaderRaw } from './block.ts'
import { hexToBytes, sha256 } from './bytes.ts'
import { admitTransaction, type AdmittedTransaction, type CheckOrder } from './broadcast.ts'
import { genesisHeader, WITNESS_ADDRESS, WITNESS_PRIVATE_KEY } from './genesis.ts'
import { BLOCK_VERSION } from './params.ts'
import { ProtoWriter } from './protobuf.ts'
import { signDigest } from './signature.ts'
import { newAccount, type AccountRecord, type Accounts } from './state.ts'

export interface Block {
  readonly id: string
  readonly header: BlockHeaderRaw
  /** Empty for genesis. */
  readonly witnessSignature: string
  readonly transactions: readonly AdmittedTransaction[]
}

export interface Funding {
  readonly address: string
  readonly balanceSun: number
}

export interface ChainOptions {
  readonly accounts: readonly Funding[]
  readonly solidityLagBlocks: number
  readonly clock?: () => number
  /** Another nonce gives another genesis id: another network, as far as wallets can tell. */
  readonly genesisNonce?: bigint
  /** The block interval the producer keeps; the broadcast checks expiration against head + this. */
  readonly blockIntervalMs?: number
  /** Default 'java-tron'. */
  readonly checkOrder?: CheckOrder
}

/** Which state a query reads: the head (wallet/*) or the solidified block (walletsolidity/*). */
export type View = 'head' | 'solid'

export interface LocatedTransaction {
  readonly tx: AdmittedTransaction
  /** Undefined while pending. */
  readonly block: Block | undefined
}

export class Chain {
  private readonly blocks: Block[] = []
  private readonly blocksById = new Map<string, Block>()
  /** ref_block_bytes (hex) → ref_block_hash (hex): a 2-byte key, so it covers the last 65 536 blocks. */
  private readonly tapos = new Map<string, string>()
  private readonly state = new Map<string, AccountRecord>()
  private readonly snapshots = new Map<number, Accounts>()
  private readonly transactions = new Map<string, AdmittedTransaction>()
  private readonly blockOfTransaction = new Map<string, Block>()
  private pending: AdmittedTransaction[] = []
  private readonly clock: () => number
  private readonly solidityLag: number
  private readonly blockIntervalMs: number
  private readonly checkOrder: CheckOrder

  constructor(options: ChainOptions) {
    this.clock = options.clock ?? Date.now
    this.blockIntervalMs = options.blockIntervalMs ?? 300
    this.checkOrder = options.checkOrder ?? 'java-tron'
    this.solidityLag = Math.max(0, Math.floor(options.solidityLagBlocks))
    const createTime = this.clock()
    for (const funding of options.accounts) {
      const address = parseAddress(funding.address)
      if (!address) throw new Error(`not a TRON address: ${funding.address}`)
      this.state.set(toHexAddress(address), newAccount(address, funding.balanceSun, createTime))
    }
    const header = genesisHeader(options.genesisNonce)
    this.append({ id: blockIdOf(header), header, witnessSignature: '', transactions: [] })
  }

  get genesis(): Block {
    return this.blockAt(0)
  }

  head(): Block {
    return this.blockAt(this.blocks.length - 1)
  }

  solidHead(): Block {
    return this.blockAt(Math.max(0, this.blocks.length - 1 - this.solidityLag))
  }

  /** Seals the pending transactions into a new block stamped with the wall clock. */
  produceBlock(): Block {
    const parent = this.head()
    const transactions = this.pending
    this.pending = []
    const header: BlockHeaderRaw = {
      timestamp: Math.max(this.clock(), parent.header.timestamp + 1),
      txTrieRoot: merkleRoot(transactions.map((tx) => sha256(signedTransactionBytes(tx)))),
      parentHash: hexToBytes(parent.id),
      number: parent.header.number + 1,
      witnessAddress: WITNESS_ADDRESS,
      version: BLOCK_VERSION,
    }
    const witnessSignature = signDigest(sha256(encodeHeaderRaw(header)), WITNESS_PRIVATE_KEY)
    const block: Block = { id: blockIdOf(header), header, witnessSignature, transactions }
    this.append(block)
    return block
  }

  /** Admits a broadcast transaction (throws BroadcastRefusal) and applies it to the working state. */
  broadcast(body: unknown): AdmittedTransaction {
    const tx = admitTransaction(
      body,
      {
        isKnownTransaction: (id) => this.transactions.has(id),
        refBlockHash: (refBlockBytes) => this.tapos.get(refBlockBytes),
        headTime: () => this.head().header.timestamp,
        nextBlockSlotTime: () => this.head().header.timestamp + this.blockIntervalMs,
        account: (address) => this.state.get(address),
      },
      this.checkOrder,
    )
    for (const account of tx.execution.updates) this.state.set(toHexAddress(account.address), account)
    this.transactions.set(tx.id, tx)
    this.pending.push(tx)
    return tx
  }

  /**
   * Drops every pending transaction, as java-tron may evict pending ones (too many pending, or
   * expired before a block took them): none of them lands, and the working state goes back to the
   * head block's. Returns the ids dropped.
   */
  dropPending(): string[] {
    const dropped = this.pending.map((tx) => tx.id)
    this.pending = []
    for (const id of dropped) this.transactions.delete(id)
    const atHead = this.snapshots.get(this.head().header.number)
    if (atHead) {
      this.state.clear()
      for (const [key, account] of atHead) this.state.set(key, account)
    }
    return dropped
  }

  /**
   * Test helper: gives an account this many points of staked bandwidth (java-tron's NetLimit, what
   * freezing TRX for bandwidth buys), usage kept. Throws when the account does not exist.
   */
  stakeBandwidth(address: Uint8Array, points: number): void {
    const key = toHexAddress(address)
    const account = this.state.get(key)
    if (!account) throw new Error(`no account ${key} to stake for`)
    if (!Number.isSafeInteger(points) || points < 0) throw new Error(`not a bandwidth amount: ${points}`)
    this.state.set(key, { ...account, netLimit: points })
  }

  account(address: Uint8Array, view: View): AccountRecord | undefined {
    const accounts = view === 'head' ? this.state : this.snapshots.get(this.solidHead().header.number)
    return accounts?.get(toHexAddress(address))
  }

  /** A transaction by id; the solidified view only knows those in solidified blocks. */
  transaction(id: string, view: View): LocatedTransaction | undefined {
    const tx = this.transactions.get(id.toLowerCase())
    if (!tx) return undefined
    const block = this.blockOfTransaction.get(tx.id)
    if (view === 'solid' && (!block || block.header.number > this.solidHead().header.number)) return undefined
    return { tx, block }
  }

  blockByNumber(number: number, view: View = 'head'): Block | undefined {
    const top = view === 'head' ? this.head() : this.solidHead()
    return Number.isSafeInteger(number) && number >= 0 && number <= top.header.number
      ? this.blocks[number]
      : undefined
  }

  blockById(id: string): Block | undefined {
    return this.blocksById.get(id.toLowerCase())
  }

  /** Transactions sealed in blocks. */
  confirmedTransactionCount(): number {
    return this.blockOfTransaction.size
  }

  private blockAt(number: number): Block {
    const block = this.blocks[number]
    if (!block) throw new Error(`no block ${number}`)
    return block
  }

  private append(block: Block): void {
    this.blocks.push(block)
    this.blocksById.set(block.id, block)
    this.tapos.set(block.id.slice(12, 16), block.id.slice(16, 32))
    for (const tx of block.transactions) this.blockOfTransaction.set(tx.id, block)
    this.snapshots.set(block.header.number, new Map(this.state))
    this.snapshots.delete(block.header.number - this.solidityLag - 1)
  }
}

/** Transaction{raw_data 1, signature 2}: the bytes java-tron hashes into the block's txTrieRoot. */
export function signedTransactionBytes(tx: AdmittedTransaction): Uint8Array {
  const writer = new ProtoWriter().bytes(1, hexToBytes(tx.rawHex))
  for (const signature of tx.signatures) writer.bytes(2, signature)
  return writer.finish()
}
