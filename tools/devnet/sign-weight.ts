/**
 * wallet/getsignweight: which permission must sign a transaction and how much of it has. TronWeb calls
 * it to recompute a transaction's id after changing it (transactionBuilder.addUpdateData for a memo,
 * extendExpiration) and before multi-signing, so the devnet answers it for its accounts' default
 * permissions: owner (id 0) and active (id 2), one key each, threshold 1.
 */
import { utils } from 'tronweb'
import { formatAddress, parseAddress, toBase58 } from './address.ts'
import { bytesEqual, bytesToHex, hexToBytes, isHex, sha256 } from './bytes.ts'
import type { Chain } from './chain.ts'
import type { Params } from './http.ts'
import { recoverSigner } from './signature.ts'

type Json = Record<string, unknown>

export function signWeight(chain: Chain, params: Params): Json {
  let rawHex: string
  try {
    const pb: unknown = utils.transaction.txJsonToPb(params)
    rawHex = utils.transaction.txPbToRawDataHex(pb).toLowerCase()
  } catch (error) {
    return { result: { code: 'OTHER_ERROR', message: `not a transaction: ${String(error)}` } }
  }
  const id = bytesToHex(sha256(hexToBytes(rawHex)))
  const transaction = {
    result: { result: true },
    txid: id,
    transaction: { ...params, txID: id, raw_data_hex: rawHex },
  }
  const visible = params['visible'] === true
  const contract = readContract(params)
  const owner = parseAddress(contract.owner ?? '')
  if (!owner || !chain.account(owner, 'head')) {
    return { result: { code: 'PERMISSION_ERROR', message: 'Account does not exist!' }, transaction }
  }
  if (contract.permissionId !== 0 && contract.permissionId !== 2) {
    return {
      result: { code: 'PERMISSION_ERROR', message: 'Permission for this, does not exist!' },
      transaction,
    }
  }
  const keys = [{ address: formatAddress(owner, visible), weight: 1 }]
  const permission =
    contract.permissionId === 0
      ? { permission_name: 'owner', threshold: 1, keys }
      : { type: 'Active', id: 2, permission_name: 'active', threshold: 1, keys }
  const signatures = Array.isArray(params['signature']) ? params['signature'].filter(isHex) : []
  if (signatures.length > keys.length) {
    const message = `Signature count is ${signatures.length} more than key counts of permission : ${keys.length}`
    return { result: { code: 'PERMISSION_ERROR', message }, permission, transaction }
  }
  for (const signature of signatures) {
    let signer: Uint8Array
    try {
      signer = recoverSigner(hexToBytes(id), hexToBytes(signature))
    } catch (error) {
      return { result: { code: 'COMPUTE_ADDRESS_ERROR', message: String(error) }, permission, transaction }
    }
    if (!bytesEqual(signer, owner)) {
      const message = `${id} is signed by ${toBase58(signer)} but it is not contained of permission.`
      return { result: { code: 'PERMISSION_ERROR', message }, permission, transaction }
    }
  }
  if (signatures.length === 0) return { result: { code: 'NOT_ENOUGH_PERMISSION' }, permission, transaction }
  // ENOUGH_PERMISSION is the enum's zero value, which java-tron's JSON leaves out.
  return {
    result: {},
    permission,
    current_weight: 1,
    approved_list: [formatAddress(owner, visible)],
    transaction,
  }
}

function readContract(params: Params): { owner: string | undefined; permissionId: number } {
  const raw = params['raw_data'] as { contract?: unknown } | undefined
  const contract: unknown = Array.isArray(raw?.contract) ? raw.contract[0] : undefined
  const record = (typeof contract === 'object' && contract !== null ? contract : {}) as {
    Permission_id?: unknown
    parameter?: { value?: { owner_address?: unknown } }
  }
  const owner = record.parameter?.value?.owner_address
  return {
    owner: typeof owner === 'string' ? owner : undefined,
    permissionId: typeof record.Permission_id === 'number' ? record.Permission_id : 0,
  }
}
