/**
 * What a TransferContract costs and does, in java-tron's order (Manager.processTransaction):
 * bandwidth (BandwidthProcessor.consume: staked, then free, then burned), then the memo fee, then TransferActuator.validate and
 * execute. Each step sees the balance the previous one left, exactly as on mainnet, so sending one's
 * whole balance fails with "balance is not sufficient" once bandwidth has been burned.
 */
import { isValidAddress, toBase58, toHexAddress } from './address.ts'
import { bytesEqual } from './bytes.ts'
import { CHAIN_PARAMETERS } from './params.ts'
import { bandwidthError, contractError } from './refusal.ts'
import { freeNetUsedAt, netUsedAt, newAccount, type AccountRecord } from './state.ts'
import type { Transfer } from './transaction.ts'

export interface Receipt {
  /** Free bandwidth bytes consumed (java-tron's receipt.net_usage). */
  readonly netUsage: number
  /** Sun burned for bandwidth (receipt.net_fee): bytes × getTransactionFee, or getCreateAccountFee. */
  readonly netFee: number
}

export interface Execution {
  /** The owner's and the recipient's records after the transfer. */
  readonly updates: readonly AccountRecord[]
  readonly receipt: Receipt
  /** All sun burned: bandwidth, memo fee and the account-creation fee (transaction info `fee`). */
  readonly fee: number
  readonly createsAccount: boolean
}

export interface TransferInput {
  readonly transfer: Transfer
  /** Bandwidth bytes: the serialized transaction without `ret`, plus MAX_RESULT_SIZE_IN_TX. */
  readonly bytes: number
  readonly hasMemo: boolean
  /** Head block time: java-tron measures bandwidth recovery and stamps new accounts with it. */
  readonly now: number
  readonly account: (hexAddress: string) => AccountRecord | undefined
}

/** Throws a Refusal when java-tron would refuse the transaction. */
export function executeTransfer(input: TransferInput): Execution {
  const { transfer, bytes, now } = input
  const found = input.account(toHexAddress(transfer.owner))
  if (!found) {
    throw contractError(`account [${base58OrHex(transfer.owner)}] does not exist`)
  }
  let owner: AccountRecord = { ...found, latestOperationTime: now }
  const recipient = bytesEqual(transfer.to, transfer.owner) ? owner : input.account(toHexAddress(transfer.to))
  const createsAccount = recipient === undefined

  // BandwidthProcessor.consume: staked bandwidth first (useAccountNet, or
  // consumeBandwidthForCreateNewAccount when the transfer creates its recipient), then the free
  // daily allowance (useFreeNet, never for an account creation), then burning TRX
  // (useTransactionFee, or consumeFeeForCreateNewAccount's flat fee).
  let receipt: Receipt
  const staked = netUsedAt(owner, now)
  const createBytes = bytes * CHAIN_PARAMETERS.getCreateNewAccountBandwidthRate
  if (createsAccount && createBytes <= owner.netLimit - staked) {
    owner = { ...owner, netUsage: staked + createBytes, latestConsumeTime: now }
    receipt = { netUsage: createBytes, netFee: 0 }
  } else if (createsAccount) {
    const fee = CHAIN_PARAMETERS.getCreateAccountFee
    if (owner.balance < fee) throw bandwidthError()
    owner = { ...owner, balance: owner.balance - fee }
    receipt = { netUsage: 0, netFee: fee }
  } else if (bytes <= owner.netLimit - staked) {
    owner = { ...owner, netUsage: staked + bytes, latestConsumeTime: now }
    receipt = { netUsage: bytes, netFee: 0 }
  } else {
    const used = freeNetUsedAt(owner, now)
    if (bytes <= CHAIN_PARAMETERS.getFreeNetLimit - used) {
      owner = { ...owner, freeNetUsage: used + bytes, latestConsumeFreeTime: now }
      receipt = { netUsage: bytes, netFee: 0 }
    } else {
      const fee = bytes * CHAIN_PARAMETERS.getTransactionFee
      if (owner.balance < fee) throw bandwidthError()
      owner = { ...owner, balance: owner.balance - fee }
      receipt = { netUsage: 0, netFee: fee }
    }
  }

  // Manager.consumeMemoFee
  const memoFee = input.hasMemo ? CHAIN_PARAMETERS.getMemoFee : 0
  if (owner.balance < memoFee) throw bandwidthError()
  owner = { ...owner, balance: owner.balance - memoFee }

  // TransferActuator.validate
  if (!isValidAddress(transfer.owner)) throw contractError('Invalid ownerAddress!')
  if (!isValidAddress(transfer.to)) throw contractError('Invalid toAddress!')
  if (bytesEqual(transfer.to, transfer.owner)) throw contractError('Cannot transfer TRX to yourself.')
  if (transfer.amount <= 0n) throw contractError('Amount must be greater than 0.')
  const creationFee = createsAccount ? CHAIN_PARAMETERS.getCreateNewAccountFeeInSystemContract : 0
  if (BigInt(owner.balance) < transfer.amount + BigInt(creationFee)) {
    throw contractError('Validate TransferContract error, balance is not sufficient.')
  }

  // TransferActuator.execute; the amount is now known to be below the owner's (safe integer) balance.
  const amount = Number(transfer.amount)
  owner = { ...owner, balance: owner.balance - amount - creationFee }
  const credited = recipient ?? newAccount(transfer.to, 0, now)
  return {
    updates: [owner, { ...credited, balance: credited.balance + amount }],
    receipt,
    fee: receipt.netFee + memoFee + creationFee,
    createsAccount,
  }
}

function base58OrHex(address: Uint8Array): string {
  return isValidAddress(address) ? toBase58(address) : toHexAddress(address)
}
