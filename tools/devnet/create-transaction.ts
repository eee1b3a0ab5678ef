/**
 * wallet/createtransaction: java-tron builds an unsigned TransferContract transaction on the node
 * (TronWeb builds it locally instead, but other clients ask the node). The reference block is the
 * head and it expires 60 s after it, as java-tron does by default.
 */
import { isValidAddress, parseAddress, toHexAddress } from './address.ts'
import { bytesToHex, hexToBytes, isHex, sha256, utf8Bytes } from './bytes.ts'
import type { Chain } from './chain.ts'
import { booleanParam, InputError, integerParam, stringParam, type Params } from './http.ts'
import { CHAIN_PARAMETERS } from './params.ts'
import { renderRawData } from './render.ts'
import { decodeRawTransaction, encodeTransferRaw, type Transfer } from './transaction.ts'

const DEFAULT_EXPIRATION_MS = 60_000
const VALIDATE_ERROR = 'org.tron.core.exception.ContractValidateException'

export function createTransaction(chain: Chain, params: Params, now: number): Record<string, unknown> {
  const visible = booleanParam(params, 'visible') ?? false
  const owner = parseAddress(stringParam(params, 'owner_address') ?? '')
  const to = parseAddress(stringParam(params, 'to_address') ?? '')
  const amount = integerParam(params, 'amount')
  if (!owner) throw new InputError('Invalid ownerAddress!', VALIDATE_ERROR)
  if (!to) throw new InputError('Invalid toAddress!', VALIDATE_ERROR)
  if (amount === undefined) throw new InputError('amount must be an integer number of sun')
  const failure = validateTransfer(chain, { owner, to, amount: BigInt(amount) })
  if (failure) throw new InputError(failure, VALIDATE_ERROR)

  // extra_data is the memo: hex, or UTF-8 text when the request is visible (as java-tron reads it).
  const extra = stringParam(params, 'extra_data') ?? ''
  const data = visible || !isHex(extra) ? utf8Bytes(extra) : hexToBytes(extra)
  const head = chain.head()
  const rawBytes = encodeTransferRaw({
    transfer: { owner, to, amount: BigInt(amount) },
    refBlockBytes: hexToBytes(head.id.slice(12, 16)),
    refBlockHash: hexToBytes(head.id.slice(16, 32)),
    expiration: head.header.timestamp + DEFAULT_EXPIRATION_MS,
    timestamp: now,
    data,
  })
  const raw = decodeRawTransaction(rawBytes)
  return {
    visible,
    txID: bytesToHex(sha256(rawBytes)),
    raw_data: renderRawData(raw, { owner, to, amount: BigInt(amount) }, visible),
    raw_data_hex: bytesToHex(rawBytes),
  }
}

/** TransferActuator.validate against the head state, without fees (createtransaction charges none). */
function validateTransfer(chain: Chain, transfer: Transfer): string | undefined {
  if (!isValidAddress(transfer.owner)) return 'Invalid ownerAddress!'
  if (!isValidAddress(transfer.to)) return 'Invalid toAddress!'
  if (toHexAddress(transfer.to) === toHexAddress(transfer.owner)) return 'Cannot transfer TRX to yourself.'
  const owner = chain.account(transfer.owner, 'head')
  if (!owner) return 'Validate TransferContract error, no OwnerAccount.'
  if (transfer.amount <= 0n) return 'Amount must be greater than 0.'
  const creationFee = chain.account(transfer.to, 'head')
    ? 0
    : CHAIN_PARAMETERS.getCreateNewAccountFeeInSystemContract
  if (BigInt(owner.balance) < transfer.amount + BigInt(creationFee)) {
    return 'Validate TransferContract error, balance is not sufficient.'
  }
  return undefined
}
