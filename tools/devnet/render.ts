/**
 * java-tron's JSON shapes. Like java-tron (proto3 JSON), fields whose value is zero or empty are left
 * out: a fresh account has no `balance`, a free transfer's info has no `fee`, genesis has no `number`.
 * Addresses are hex (41…) unless the request asked for `visible`.
 */
import { formatAddress } from './address.ts'
import { bytesToHex } from './bytes.ts'
import type { Block } from './chain.ts'
import { CHAIN_PARAMETERS } from './params.ts'
import { freeNetUsedAt, netUsedAt, type AccountRecord } from './state.ts'
import { contractTypeName, TRANSFER_TYPE_URL, type RawTransaction, type Transfer } from './transaction.ts'
import type { AdmittedTransaction } from './broadcast.ts'

type Json = Record<string, unknown>

/** proto3 JSON leaves defaults out. */
function nonZero(key: string, value: number | bigint | string): Json {
  return value === 0 || value === 0n || value === ''
    ? {}
    : { [key]: typeof value === 'bigint' ? Number(value) : value }
}

export function renderTransaction(tx: AdmittedTransaction, visible: boolean): Json {
  return {
    ret: [{ contractRet: 'SUCCESS' }],
    signature: tx.signatures.map((signature) => bytesToHex(signature)),
    txID: tx.id,
    raw_data: renderRawData(tx.raw, tx.transfer, visible),
    raw_data_hex: tx.rawHex,
  }
}

/** raw_data as java-tron prints a TransferContract transaction; TronWeb re-encodes it to check txID. */
export function renderRawData(raw: RawTransaction, transfer: Transfer, visible: boolean): Json {
  const [contract] = raw.contracts
  return {
    contract: [
      {
        parameter: {
          value: {
            amount: Number(transfer.amount),
            owner_address: formatAddress(transfer.owner, visible),
            to_address: formatAddress(transfer.to, visible),
          },
          type_url: TRANSFER_TYPE_URL,
        },
        type: contractTypeName(contract?.type ?? 0),
        ...nonZero('Permission_id', contract?.permissionId ?? 0),
      },
    ],
    ref_block_bytes: bytesToHex(raw.refBlockBytes),
    ref_block_hash: bytesToHex(raw.refBlockHash),
    ...nonZero('expiration', raw.expiration),
    ...nonZero('data', bytesToHex(raw.data)),
    ...nonZero('fee_limit', raw.feeLimit),
    ...nonZero('timestamp', raw.timestamp),
  }
}

/** gettransactioninfobyid: what the transaction burned and where it landed. */
export function renderTransactionInfo(tx: AdmittedTransaction, block: Block): Json {
  const { receipt } = tx.execution
  return {
    id: tx.id,
    ...nonZero('fee', tx.execution.fee),
    blockNumber: block.header.number,
    blockTimeStamp: block.header.timestamp,
    contractResult: [''],
    receipt: receipt.netFee > 0 ? { net_fee: receipt.netFee } : { net_usage: receipt.netUsage },
  }
}

export function renderBlock(block: Block, visible: boolean, withTransactions = true): Json {
  const { header } = block
  return {
    blockID: block.id,
    block_header: {
      raw_data: {
        ...nonZero('number', header.number),
        txTrieRoot: bytesToHex(header.txTrieRoot),
        witness_address: formatAddress(header.witnessAddress, visible),
        parentHash: bytesToHex(header.parentHash),
        ...nonZero('accountStateRoot', bytesToHex(header.accountStateRoot ?? new Uint8Array(0))),
        ...nonZero('version', header.version),
        ...nonZero('timestamp', header.timestamp),
      },
      ...nonZero('witness_signature', block.witnessSignature),
    },
    ...(withTransactions && block.transactions.length > 0
      ? { transactions: block.transactions.map((tx) => renderTransaction(tx, visible)) }
      : {}),
  }
}

/** All operations but a few, java-tron's default for the active permission. */
const DEFAULT_ACTIVE_OPERATIONS = '7fff1fc0033efb0f000000000000000000000000000000000000000000000000'
const WINDOW_SIZE_SLOTS = 28_800

/**
 * getaccount. Like java-tron's Wallet.getAccount, free bandwidth usage is shown recovered to `now` (the
 * view's head block time), and times are milliseconds.
 */
export function renderAccount(account: AccountRecord, visible: boolean, now: number): Json {
  const address = formatAddress(account.address, visible)
  const keys = [{ address, weight: 1 }]
  return {
    address,
    ...nonZero('balance', account.balance),
    ...nonZero('create_time', account.createTime),
    ...nonZero('latest_opration_time', account.latestOperationTime),
    ...nonZero('net_usage', netUsedAt(account, now)),
    ...nonZero('free_net_usage', freeNetUsedAt(account, now)),
    ...nonZero('latest_consume_time', account.latestConsumeTime),
    ...nonZero('latest_consume_free_time', account.latestConsumeFreeTime),
    net_window_size: WINDOW_SIZE_SLOTS,
    account_resource: { energy_window_size: WINDOW_SIZE_SLOTS },
    owner_permission: { permission_name: 'owner', threshold: 1, keys },
    active_permission: [
      {
        type: 'Active',
        id: 2,
        permission_name: 'active',
        threshold: 1,
        operations: DEFAULT_ACTIVE_OPERATIONS,
        keys,
      },
    ],
    frozenV2: [{}, { type: 'ENERGY' }, { type: 'TRON_POWER' }],
  }
}

/**
 * getaccountresource: free and staked bandwidth as of the head block (usage recovers over 24 h), as
 * Wallet.getAccountResource reports them (NetUsed/NetLimit: staked, freeNetUsed/freeNetLimit: free).
 */
export function renderAccountResource(account: AccountRecord, now: number): Json {
  return {
    ...nonZero('freeNetUsed', freeNetUsedAt(account, now)),
    freeNetLimit: CHAIN_PARAMETERS.getFreeNetLimit,
    ...nonZero('NetUsed', netUsedAt(account, now)),
    ...nonZero('NetLimit', account.netLimit),
    TotalNetLimit: CHAIN_PARAMETERS.getTotalNetLimit,
    TotalEnergyLimit: CHAIN_PARAMETERS.getTotalEnergyLimit,
  }
}

/** getaccountnet: the bandwidth part of getaccountresource. */
export function renderAccountNet(account: AccountRecord, now: number): Json {
  return {
    ...nonZero('freeNetUsed', freeNetUsedAt(account, now)),
    freeNetLimit: CHAIN_PARAMETERS.getFreeNetLimit,
    ...nonZero('NetUsed', netUsedAt(account, now)),
    ...nonZero('NetLimit', account.netLimit),
    TotalNetLimit: CHAIN_PARAMETERS.getTotalNetLimit,
  }
}

export function renderChainParameters(): Json {
  return {
    chainParameter: Object.entries(CHAIN_PARAMETERS).map(([key, value]) => ({
      key,
      ...nonZero('value', value),
    })),
  }
}
