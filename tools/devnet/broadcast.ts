/**
 * wallet/broadcasttransaction's admission checks, in java-tron's order by default:
 * Wallet.broadcastTransaction (signature lengths, a contract, TransactionCapsule.checkExpiration
 * against the next slot), Manager.pushTransaction (TransactionCapsule.validateSignature), then
 * Manager.processTransaction (contract count, validateTapos, validateCommon, validateDup), then the
 * contract (BandwidthProcessor.consume, consumeMemoFee, TransferActuator). The devnet's older order,
 * duplicates first, stays as an option (CheckOrder).
 *
 * java-tron rebuilds the transaction from the JSON `raw_data` and ignores `raw_data_hex` and `txID`.
 * The devnet is stricter, to catch client bugs that mainnet would let through silently:
 * - raw_data must encode (with TronWeb's own protobuf code) to exactly raw_data_hex, or SIGERROR:
 *   on mainnet an edited raw_data no longer matches what was signed, which is a SIGERROR there too;
 * - the signature is checked against sha256(raw_data_hex), the bytes the client hashed;
 * - txID must equal that hash, or OTHER_ERROR: mainnet would accept the transaction under another id
 *   than the one the client recorded, and a receipt keyed by the wrong id never reconciles.
 */
import { utils } from 'tronweb'
import { toBase58 } from './address.ts'
import { bytesEqual, bytesToHex, hexToBytes, isHex, sha256 } from './bytes.ts'
import { executeTransfer, type Execution } from './execute.ts'
import {
  MAX_RESULT_SIZE_IN_TX,
  MAXIMUM_TIME_UNTIL_EXPIRATION_MS,
  TOTAL_SIGN_NUM,
  TRANSACTION_MAX_BYTE_SIZE,
} from './params.ts'
import { ProtoError } from './protobuf.ts'
import {
  cachedDuplicateError,
  contractError,
  duplicateError,
  expirationError,
  otherError,
  Refusal,
  signatureError,
  taposError,
} from './refusal.ts'
import { recoverSigner } from './signature.ts'
import type { AccountRecord } from './state.ts'
import {
  contractTypeName,
  decodeRawTransaction,
  decodeTransfer,
  ownerOf,
  serializedSize,
  TRANSFER_CONTRACT,
  TRANSFER_TYPE_URL,
  type RawTransaction,
  type Transfer,
} from './transaction.ts'

/**
 * 'java-tron': Wallet.broadcastTransaction's order, expiration (against the next slot), signature,
 * TaPoS and size before the duplicate check. 'duplicate-first': the devnet's old order, a known id
 * answered first whatever else is wrong with it (a rebroadcast of an expired transfer that landed is
 * a DUP_TRANSACTION_ERROR, never a TRANSACTION_EXPIRATION_ERROR).
 */
export type CheckOrder = 'java-tron' | 'duplicate-first'

/** What admission needs to know about the chain. */
export interface ChainView {
  isKnownTransaction(id: string): boolean
  /** The 8 id bytes (hex) of the recent block whose number ends in these 2 bytes, if any. */
  refBlockHash(refBlockBytes: string): string | undefined
  headTime(): number
  /** The time of the block after the head: head time + the block interval (java-tron's next slot). */
  nextBlockSlotTime(): number
  account(hexAddress: string): AccountRecord | undefined
}

export interface AdmittedTransaction {
  readonly id: string
  readonly rawHex: string
  readonly raw: RawTransaction
  readonly transfer: Transfer
  readonly signatures: readonly Uint8Array[]
  /** Bandwidth bytes. */
  readonly bytes: number
  readonly execution: Execution
}

/** A refusal with the id java-tron would echo next to it (when the transaction could be read). */
export class BroadcastRefusal extends Refusal {
  constructor(
    refusal: Refusal,
    readonly txid: string | undefined,
  ) {
    super(refusal.code, refusal.message)
  }
}

/** Throws BroadcastRefusal; returns the transaction and its effects when java-tron would accept it. */
export function admitTransaction(
  body: unknown,
  chain: ChainView,
  order: CheckOrder = 'java-tron',
): AdmittedTransaction {
  const parsed = parse(body)
  const id = bytesToHex(sha256(parsed.rawBytes))
  try {
    return check(parsed, id, chain, order)
  } catch (error) {
    if (error instanceof Refusal) throw new BroadcastRefusal(error, id)
    // A contract whose inner bytes are not protobuf: java-tron fails to unpack it (OTHER_ERROR).
    if (error instanceof ProtoError) throw new BroadcastRefusal(otherError(error.message), id)
    throw error
  }
}

interface Parsed {
  readonly json: Record<string, unknown>
  readonly rawHex: string
  readonly rawBytes: Uint8Array
  readonly raw: RawTransaction
  readonly declaredId: unknown
  readonly signatures: readonly Uint8Array[]
}

function parse(body: unknown): Parsed {
  const malformed = (detail: string) => new BroadcastRefusal(otherError(detail), undefined)
  if (!isRecord(body)) throw malformed('the transaction must be a JSON object')
  const rawHex = body['raw_data_hex']
  if (!isHex(rawHex) || rawHex.length === 0) throw malformed('raw_data_hex is missing or not hex')
  if (!isRecord(body['raw_data'])) throw malformed('raw_data is missing')
  const signatures = body['signature'] ?? []
  if (!Array.isArray(signatures) || !signatures.every(isHex)) {
    throw malformed('signature must be an array of hex strings')
  }
  const rawBytes = hexToBytes(rawHex)
  let raw: RawTransaction
  try {
    raw = decodeRawTransaction(rawBytes)
  } catch (error) {
    if (!(error instanceof ProtoError)) throw error
    throw malformed(`raw_data_hex is not a protobuf Transaction.raw: ${error.message}`)
  }
  return {
    json: body,
    rawHex: rawHex.toLowerCase(),
    rawBytes,
    raw,
    declaredId: body['txID'],
    signatures: signatures.map((signature) => hexToBytes(signature)),
  }
}

function check(parsed: Parsed, id: string, chain: ChainView, order: CheckOrder): AdmittedTransaction {
  const { raw } = parsed
  if (order === 'duplicate-first') {
    // The devnet's old, kinder order: what java-tron answers with its transaction id cache on
    // (node.rpc.trxCacheEnable, off by default), which Wallet.broadcastTransaction consults first.
    if (chain.isKnownTransaction(id)) throw cachedDuplicateError()
    checkSignatureStep(parsed, id)
    checkTapos(raw, chain)
    checkCommon(parsed, id, chain)
    checkContractCount(raw, id)
  } else {
    // Wallet.broadcastTransaction: signature lengths, a contract at all, then
    // TransactionCapsule.checkExpiration against the next block slot, before pushing.
    checkSignatureLengths(parsed.signatures)
    if (raw.contracts.length === 0) throw contractError('No contract!')
    if (raw.expiration < BigInt(chain.nextBlockSlotTime())) throw expirationError()
    // Manager.pushTransaction: TransactionCapsule.validateSignature.
    checkSignatureStep(parsed, id)
    // Manager.processTransaction: contract count, validateTapos, validateCommon (size, expiration
    // against the head block), and only then validateDup.
    checkContractCount(raw, id)
    checkTapos(raw, chain)
    checkCommon(parsed, id, chain)
    if (chain.isKnownTransaction(id)) throw duplicateError()
  }

  const [contract] = raw.contracts
  if (contract?.type !== TRANSFER_CONTRACT || contract.typeUrl !== TRANSFER_TYPE_URL) {
    throw contractError(
      `the devnet only runs TransferContract, not ${contractTypeName(contract?.type ?? 0)} (${contract?.typeUrl ?? ''})`,
    )
  }
  const transfer = decodeTransfer(contract.value)
  const bytes = serializedSize(parsed.rawBytes.length, parsed.signatures) + MAX_RESULT_SIZE_IN_TX
  const execution = executeTransfer({
    transfer,
    bytes,
    hasMemo: raw.data.length > 0,
    now: chain.headTime(),
    account: (address) => chain.account(address),
  })
  return { id, rawHex: parsed.rawHex, raw, transfer, signatures: parsed.signatures, bytes, execution }
}

/** The signature and, beyond java-tron, raw_data against raw_data_hex and txID against its hash. */
function checkSignatureStep(parsed: Parsed, id: string): void {
  if (!jsonEncodesTo(parsed.json, parsed.rawHex)) {
    throw signatureError('raw_data does not match raw_data_hex, so it is not what was signed')
  }
  checkSignature(parsed.raw, parsed.signatures, sha256(parsed.rawBytes), id)
  if (typeof parsed.declaredId !== 'string' || parsed.declaredId.toLowerCase() !== id) {
    throw otherError(`txID ${String(parsed.declaredId)} is not sha256(raw_data_hex) ${id}`)
  }
}

/** Manager.validateTapos: the reference block must be one of the recent blocks. */
function checkTapos(raw: RawTransaction, chain: ChainView): void {
  const refBlockBytes = bytesToHex(raw.refBlockBytes)
  const expected = raw.refBlockBytes.length === 2 ? chain.refBlockHash(refBlockBytes) : undefined
  if (expected === undefined || expected !== bytesToHex(raw.refBlockHash)) throw taposError()
}

/** Manager.validateCommon: size with results, then expiration against the head block. */
function checkCommon(parsed: Parsed, id: string, chain: ChainView): void {
  const size = serializedSize(parsed.rawBytes.length, parsed.signatures)
  const sizeWithResults = size + 2 * MAX_RESULT_SIZE_IN_TX
  if (sizeWithResults > TRANSACTION_MAX_BYTE_SIZE) {
    throw new Refusal(
      'TOO_BIG_TRANSACTION_ERROR',
      `Too big transaction with result, TxId ${id}, the size is ${sizeWithResults} bytes, maxTxSize ${TRANSACTION_MAX_BYTE_SIZE}`,
    )
  }
  const head = BigInt(chain.headTime())
  const { expiration } = parsed.raw
  if (expiration <= head || expiration > head + BigInt(MAXIMUM_TIME_UNTIL_EXPIRATION_MS)) {
    throw expirationError()
  }
}

/** Manager.processTransaction: ContractSizeNotEqualToOneException, a contract validation error. */
function checkContractCount(raw: RawTransaction, id: string): void {
  if (raw.contracts.length !== 1) {
    throw contractError(
      `tx ${id} contract size should be exactly 1, this is extend feature ,actual :${raw.contracts.length}`,
    )
  }
}

/** Wallet.broadcastTransaction: SignUtils.isValidLength on each signature, before anything else. */
function checkSignatureLengths(signatures: readonly Uint8Array[]): void {
  for (const signature of signatures) {
    if (signature.length < 65) throw signatureError(`Signature size is ${signature.length}`)
  }
}

/**
 * TransactionCapsule.validateSignature with the default permissions every devnet account has: owner
 * (id 0) and active (id 2), each with the account's own key and threshold 1.
 */
function checkSignature(
  raw: RawTransaction,
  signatures: readonly Uint8Array[],
  digest: Uint8Array,
  id: string,
): void {
  const [contract] = raw.contracts
  if (contract === undefined || signatures.length === 0) throw signatureError('miss sig or contract')
  if (signatures.length > TOTAL_SIGN_NUM) throw signatureError('too many signatures')
  if (contract.permissionId !== 0 && contract.permissionId !== 2)
    throw signatureError("permission isn't exit")
  if (signatures.length > 1) {
    throw signatureError(`Signature count is ${signatures.length} more than key counts of permission : 1`)
  }
  const owner = ownerOf(contract)
  for (const signature of signatures) {
    if (signature.length < 65) throw signatureError(`Signature size is ${signature.length}`)
    let signer: Uint8Array
    try {
      signer = recoverSigner(digest, signature)
    } catch (error) {
      throw signatureError(error instanceof Error ? error.message : String(error))
    }
    if (!bytesEqual(signer, owner)) {
      throw signatureError(`${id} is signed by ${toBase58(signer)} but it is not contained of permission.`)
    }
  }
}

/** Re-encodes the JSON raw_data with TronWeb's protobuf code; false when it cannot or it differs. */
function jsonEncodesTo(json: Record<string, unknown>, rawHex: string): boolean {
  try {
    const pb: unknown = utils.transaction.txJsonToPb(json)
    return utils.transaction.txPbToRawDataHex(pb).toLowerCase() === rawHex
  } catch {
    return false
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
