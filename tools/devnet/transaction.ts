/**
 * Transaction.raw read from its protobuf bytes (raw_data_hex), which is what the txID hashes and the
 * signature signs; the JSON raw_data next to it is only checked against these bytes.
 */
import { bytesField, int64Field, ProtoError, ProtoWriter, readFields, varintSize } from './protobuf.ts'

export const TRANSFER_CONTRACT = 1
export const TRANSFER_TYPE_URL = 'type.googleapis.com/protocol.TransferContract'

export interface ContractCall {
  readonly type: number
  readonly typeUrl: string
  readonly value: Uint8Array
  readonly permissionId: number
}

export interface RawTransaction {
  readonly refBlockBytes: Uint8Array
  readonly refBlockHash: Uint8Array
  readonly expiration: bigint
  /** The memo (raw_data.data); mainnet burns getMemoFee when it is not empty. */
  readonly data: Uint8Array
  readonly contracts: readonly ContractCall[]
  readonly timestamp: bigint
  readonly feeLimit: bigint
}

export interface Transfer {
  readonly owner: Uint8Array
  readonly to: Uint8Array
  readonly amount: bigint
}

/** Transaction.raw: ref_block_bytes 1, ref_block_hash 4, expiration 8, data 10, contract 11, timestamp 14, fee_limit 18. */
export function decodeRawTransaction(bytes: Uint8Array): RawTransaction {
  const fields = readFields(bytes)
  const contracts = fields
    .filter((field) => field.field === 11)
    .map((field) => {
      if (field.wire !== 'bytes') throw new ProtoError('contract is not a message')
      return decodeContract(field.value)
    })
  return {
    refBlockBytes: bytesField(fields, 1),
    refBlockHash: bytesField(fields, 4),
    expiration: int64Field(fields, 8),
    data: bytesField(fields, 10),
    contracts,
    timestamp: int64Field(fields, 14),
    feeLimit: int64Field(fields, 18),
  }
}

/** Transaction.Contract: type 1, parameter 2 (google.protobuf.Any: type_url 1, value 2), Permission_id 5. */
function decodeContract(bytes: Uint8Array): ContractCall {
  const fields = readFields(bytes)
  const parameter = readFields(bytesField(fields, 2))
  return {
    type: Number(int64Field(fields, 1)),
    typeUrl: new TextDecoder().decode(bytesField(parameter, 1)),
    value: bytesField(parameter, 2),
    permissionId: Number(int64Field(fields, 5)),
  }
}

/** TransferContract: owner_address 1, to_address 2, amount 3. */
export function decodeTransfer(bytes: Uint8Array): Transfer {
  const fields = readFields(bytes)
  return { owner: bytesField(fields, 1), to: bytesField(fields, 2), amount: int64Field(fields, 3) }
}

const TRANSFER_ASSET_CONTRACT = 2

/**
 * The address that owns (and must sign) a contract call: owner_address is field 1 in every system
 * contract but TransferAssetContract, where asset_name comes first.
 */
export function ownerOf(contract: ContractCall): Uint8Array {
  return bytesField(readFields(contract.value), contract.type === TRANSFER_ASSET_CONTRACT ? 2 : 1)
}

export interface NewTransfer {
  readonly transfer: Transfer
  readonly refBlockBytes: Uint8Array
  readonly refBlockHash: Uint8Array
  readonly expiration: number
  readonly timestamp: number
  readonly data: Uint8Array
}

/** Builds a TransferContract's raw bytes field by field, as TronWeb and java-tron order them. */
export function encodeTransferRaw(tx: NewTransfer): Uint8Array {
  const transfer = new ProtoWriter()
    .bytes(1, tx.transfer.owner)
    .bytes(2, tx.transfer.to)
    .varint(3, tx.transfer.amount)
    .finish()
  const parameter = new ProtoWriter()
    .bytes(1, new TextEncoder().encode(TRANSFER_TYPE_URL))
    .bytes(2, transfer)
    .finish()
  const contract = new ProtoWriter().varint(1, TRANSFER_CONTRACT).bytes(2, parameter).finish()
  return new ProtoWriter()
    .bytes(1, tx.refBlockBytes)
    .bytes(4, tx.refBlockHash)
    .varint(8, tx.expiration)
    .bytes(10, tx.data)
    .bytes(11, contract)
    .varint(14, tx.timestamp)
    .finish()
}

/**
 * The size java-tron bills as bandwidth before adding its 64-byte result allowance: the Transaction
 * message without `ret`, that is raw_data (field 1) and each signature (field 2).
 */
export function serializedSize(rawLength: number, signatures: readonly Uint8Array[]): number {
  const field = (length: number) => 1 + varintSize(length) + length
  return field(rawLength) + signatures.reduce((total, signature) => total + field(signature.length), 0)
}

export function contractTypeName(type: number): string {
  return type === TRANSFER_CONTRACT ? 'TransferContract' : `ContractType ${type}`
}
