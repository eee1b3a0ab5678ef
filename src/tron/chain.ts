/**
 * What the app asks a TRON node, through TronWeb: balances, the fee a transfer will cost, whether a
 * transaction is on chain, and broadcasting. Every number that leaves this module is integer sun.
 */
import type { TronWeb } from 'tronweb'
import { nodeClient } from './node-client'
import type { ChainView, SignedTransaction } from './receipt'
import { transferFeeSun } from './bandwidth-fee'

/** java-tron's defaults on mainnet, used when the node does not report its chain parameters. */
const DEFAULT_FEES = {
  getTransactionFee: 1_000,
  getCreateAccountFee: 100_000,
  getCreateNewAccountFeeInSystemContract: 1_000_000,
  getCreateNewAccountBandwidthRate: 1,
  getMemoFee: 1_000_000,
}

/** What sending to a never-used address costs on mainnet (1.1 TRX), for hints shown before a node is asked. */
export const MAINNET_ACTIVATION_SUN =
  DEFAULT_FEES.getCreateAccountFee + DEFAULT_FEES.getCreateNewAccountFeeInSystemContract

/** java-tron counts a transaction's serialized size plus this much for its result when charging bandwidth. */
const RESULT_BYTES = 64
/** A 65-byte signature as protobuf field 2: tag, length, bytes. */
const SIGNATURE_FIELD_BYTES = 67

export interface FeeEstimate {
  feeSun: number
  /** The recipient has never been used: the transfer creates it and pays the activation fee. */
  activatesAccount: boolean
  balanceSun: number
  bandwidthBytes: number
}

interface AccountLike {
  balance?: number
  address?: string
}

export async function headBalanceSun(nodeUrl: string, address: string): Promise<number> {
  const tronWeb = await nodeClient(nodeUrl)
  const account = (await tronWeb.trx.getAccount(address)) as AccountLike
  return toSun(account.balance ?? 0)
}

async function accountExists(tronWeb: TronWeb, address: string): Promise<boolean> {
  const account = (await tronWeb.trx.getAccount(address)) as AccountLike
  return typeof account.address === 'string' && account.address.length > 0
}

/** Whether the address has ever been used: paying one that has not costs an extra 1.1 TRX. */
export async function isActivated(nodeUrl: string, address: string): Promise<boolean> {
  return accountExists(await nodeClient(nodeUrl), address)
}

/** The bandwidth a plain TRX transfer uses (raw data, one signature, result), as on mainnet. */
export const TRANSFER_BANDWIDTH_BYTES = 268

/** What a plain transfer burns on mainnet without free bandwidth (0.268 TRX), for hints shown before a node is asked. */
export const MAINNET_TRANSFER_BURN_SUN = TRANSFER_BANDWIDTH_BYTES * DEFAULT_FEES.getTransactionFee

/**
 * What a plain transfer costs once the sender's free bandwidth is used up: the fee automatic tips
 * are weighed against, whether or not today's free bandwidth happens to cover the next one.
 */
export async function transferBurnSun(nodeUrl: string): Promise<number> {
  const fees = await chainFees(await nodeClient(nodeUrl))
  return TRANSFER_BANDWIDTH_BYTES * fees.getTransactionFee
}

async function chainFees(tronWeb: TronWeb): Promise<typeof DEFAULT_FEES> {
  const parameters = (await tronWeb.trx.getChainParameters()) as { key: string; value?: number }[]
  const fees = { ...DEFAULT_FEES }
  for (const { key, value } of parameters) {
    if (key in fees && typeof value === 'number') fees[key as keyof typeof fees] = value
  }
  return fees
}

function varintLength(value: number): number {
  let length = 1
  while (value >= 0x80) {
    value = Math.floor(value / 0x80)
    length++
  }
  return length
}

/** The bandwidth java-tron will charge for this transaction once it carries one signature. */
export function bandwidthBytes(rawDataHex: string): number {
  const rawLength = rawDataHex.length / 2
  return 1 + varintLength(rawLength) + rawLength + SIGNATURE_FIELD_BYTES + RESULT_BYTES
}

/** `wallet/getaccountresource`: staked (Net*) and free (freeNet*) bandwidth, recovered to the head slot. */
interface AccountResources {
  NetLimit?: number
  NetUsed?: number
  freeNetLimit?: number
  freeNetUsed?: number
}

/** What a transfer of `rawDataHex` from `from` to `to` will cost, as java-tron charges it. */
export async function estimateTransferFee(
  nodeUrl: string,
  from: string,
  to: string,
  rawDataHex: string,
  hasMemo: boolean,
): Promise<FeeEstimate> {
  const tronWeb = await nodeClient(nodeUrl)
  const [fees, resources, sender, recipientExists] = await Promise.all([
    chainFees(tronWeb),
    tronWeb.trx.getAccountResources(from) as Promise<AccountResources>,
    tronWeb.trx.getAccount(from) as Promise<AccountLike>,
    accountExists(tronWeb, to),
  ])
  const bytes = bandwidthBytes(rawDataHex)
  // java-tron leaves out fields whose value is 0.
  const bandwidth = {
    stakedLeft: (resources.NetLimit ?? 0) - (resources.NetUsed ?? 0),
    freeLeft: (resources.freeNetLimit ?? 0) - (resources.freeNetUsed ?? 0),
  }
  let feeSun = transferFeeSun(bytes, bandwidth, recipientExists, fees)
  if (hasMemo) feeSun += fees.getMemoFee
  return {
    feeSun,
    activatesAccount: !recipientExists,
    balanceSun: toSun(sender.balance ?? 0),
    bandwidthBytes: bytes,
  }
}

export type BroadcastOutcome =
  | { kind: 'accepted' }
  /** The node refused it for good: it can never be on chain as it is. */
  | { kind: 'refused'; code: string; message: string }

/** Codes after which the same signed transaction could still be accepted later. */
const RETRYABLE_CODES = new Set([
  'SERVER_BUSY',
  'NO_CONNECTION',
  'NOT_ENOUGH_EFFECTIVE_CONNECTION',
  'BLOCK_UNSOLIDIFIED',
])

/** The node answered but asks to be asked again later: the transaction may still be accepted. */
export class NodeBusyError extends Error {
  override readonly name = 'NodeBusyError'
  constructor(
    readonly code: string,
    readonly nodeMessage: string,
  ) {
    super(`The node is busy (${code}): ${nodeMessage}`)
  }
}

/** Throws when the node cannot be reached or asks to retry (NodeBusyError): the caller keeps the receipt and tries again. */
export async function broadcast(nodeUrl: string, transaction: SignedTransaction): Promise<BroadcastOutcome> {
  const tronWeb = await nodeClient(nodeUrl)
  const result = (await tronWeb.trx.sendRawTransaction(transaction as never)) as {
    result?: boolean
    code?: string
    message?: string
  }
  // A duplicate means the chain already has it: the payment happened once, which is what we want.
  if (result.result === true || result.code === 'DUP_TRANSACTION_ERROR') return { kind: 'accepted' }
  const code = result.code ?? 'OTHER_ERROR'
  const message = decodeNodeMessage(result.message ?? '')
  if (RETRYABLE_CODES.has(code)) throw new NodeBusyError(code, message)
  return { kind: 'refused', code, message }
}

/** java-tron hex-encodes broadcast error messages. */
export function decodeNodeMessage(message: string): string {
  if (!/^([0-9a-f]{2})+$/i.test(message)) return message
  const bytes = new Uint8Array(message.length / 2)
  for (let index = 0; index < bytes.length; index++)
    bytes[index] = parseInt(message.slice(index * 2, index * 2 + 2), 16)
  return new TextDecoder().decode(bytes)
}

interface TransactionInfo {
  id?: string
  fee?: number
  blockNumber?: number
  result?: string
}

/** The node's record of a confirmed (solidified) transaction; without an id it has none yet. */
function transactionInfo(tronWeb: TronWeb, txId: string): Promise<TransactionInfo> {
  return tronWeb.trx.getTransactionInfo(txId)
}

/** A transaction as the node returns it, with the parts a TRX transfer is judged by. */
export interface TransferJson {
  ret?: { contractRet?: string }[]
  raw_data?: {
    contract?: {
      type?: string
      parameter?: { value?: { owner_address?: string; to_address?: string; amount?: number } }
    }[]
  }
}

export type ConfirmedTransfer =
  /** Not confirmed yet (or the node does not know it): ask again later. */
  | { kind: 'pending' }
  | { kind: 'failed' }
  /** Confirmed and not failed: its content, with the node's way of reading its hex addresses. */
  | { kind: 'confirmed'; transaction: TransferJson; toBase58: (hex: string) => string }

/** Reads one transaction once: whether it is confirmed, and if so what it transfers. */
export type TransferReader = (nodeUrl: string, txId: string) => Promise<ConfirmedTransfer>

export const readConfirmedTransfer: TransferReader = async (nodeUrl, txId) => {
  const tronWeb = await nodeClient(nodeUrl)
  const info = await transactionInfo(tronWeb, txId)
  if (info.id !== txId) return { kind: 'pending' }
  if (info.result === 'FAILED') return { kind: 'failed' }
  const transaction = (await tronWeb.trx.getTransaction(txId)) as TransferJson
  return { kind: 'confirmed', transaction, toBase58: (hex) => String(tronWeb.address.fromHex(hex)) }
}

/**
 * Where a transaction stands: solid with its fee, in a recent block (or the node's pool), or unknown
 * as of the SOLIDIFIED head's time (walletsolidity/getnowblock). The head a full node reports can be
 * replaced by a fork, and behind a load balancer can come from a backend ahead of the one that said
 * "not found"; the solidified head cannot go back. The caller asks twice before it gives up.
 */
export async function chainView(nodeUrl: string, txId: string): Promise<ChainView> {
  const tronWeb = await nodeClient(nodeUrl)
  const info = await transactionInfo(tronWeb, txId)
  if (info.id) {
    return {
      kind: 'confirmed',
      feeSun: toSun(info.fee ?? 0),
      blockNumber: Number(info.blockNumber ?? 0),
      succeeded: info.result !== 'FAILED',
    }
  }
  const found = await tronWeb.trx.getTransaction(txId).then(
    () => true,
    (error: unknown) => {
      // TronWeb turns java-tron's empty answer into this error; anything else is a real failure.
      if (String(error).includes('Transaction not found')) return false
      throw error
    },
  )
  if (found) return { kind: 'in-block' }
  const solid = (await tronWeb.trx.getConfirmedCurrentBlock()) as {
    block_header?: { raw_data?: { timestamp?: number } }
  }
  const solidBlockTime = solid.block_header?.raw_data?.timestamp
  // A body without a block (an {"Error"} answer) says nothing about time: ask again later.
  if (typeof solidBlockTime !== 'number') throw new Error('The node returned no solidified block')
  return { kind: 'unknown', solidBlockTime }
}

function toSun(value: number | bigint | string): number {
  const sun = Number(value)
  if (!Number.isSafeInteger(sun))
    throw new Error(`The node returned an amount that is not an integer: ${String(value)}`)
  return sun
}
