/**
 * Paying a tip, write-ahead: every state is persisted before the step that depends on it runs.
 *
 *   intent (stored)  ->  wallet signs  ->  signed (transaction stored)  ->  broadcast  ->  confirmed | failed
 *
 * A receipt is worked on by one pipeline at a time, across tabs too (Web Locks). After a crash the
 * same code picks an unfinished receipt up again (`followReceipt`): the stored signed transaction is
 * rebroadcast (the chain refuses a duplicate, so it is paid at most once) until it is on chain or
 * has surely expired. An intent is never signed twice: a retry is a new intent the user asked for.
 */
import { t } from '../i18n/translate'
import { getReceipt, putReceipt } from '../db/receipts-db'
import { isReceipt } from './receipt-guard'
import { haltBeforeBroadcastRequested } from '../testing/test-hooks'
import { formatTrx } from './amounts'
import { broadcast, chainView, estimateTransferFee, type FeeEstimate } from './chain'
import { nodeClient } from './node-client'
import {
  advance,
  createIntent,
  isUnfinished,
  reconcileAction,
  type Receipt,
  type SignedTransaction,
} from './receipt'
import type { WalletConnection } from './wallet'
import { WalletProblemError, classifyWalletError, isUnreachable } from './wallet-errors'

export interface TipRequest {
  to: string
  amountSun: number
  torrent?: { infoHash: string; name: string } | null
  peer?: string | null
  purpose?: 'funding' | 'sweep'
}

export interface Signer {
  sign(transaction: Record<string, unknown>): Promise<SignedTransaction>
}

export type ReceiptListener = (receipt: Receipt) => void

const POLL_INTERVAL_MS = 1_000
const MAX_POLL_INTERVAL_MS = 15_000

/** Builds the transfer and prices it, before anything is stored or signed. */
export async function prepareTip(
  connection: WalletConnection,
  request: TipRequest,
): Promise<{
  transaction: Record<string, unknown> & { txID: string; raw_data_hex: string }
  estimate: FeeEstimate
}> {
  const tronWeb = await nodeClient(connection.nodeUrl)
  if (!tronWeb.isAddress(request.to)) {
    throw new WalletProblemError('other', t('tip.notAnAddress', { address: request.to }))
  }
  if (request.to === connection.address) {
    throw new WalletProblemError('other', t('tip.ownAddress'))
  }
  try {
    const transaction = (await tronWeb.transactionBuilder.sendTrx(
      request.to,
      request.amountSun,
      connection.address,
    )) as unknown as Record<string, unknown> & { txID: string; raw_data_hex: string }
    const estimate = await estimateTransferFee(
      connection.nodeUrl,
      connection.address,
      request.to,
      transaction.raw_data_hex,
      false,
    )
    return { transaction, estimate }
  } catch (error) {
    throw classifyWalletError(error, connection.nodeUrl)
  }
}

export function insufficientBalanceMessage(amountSun: number, estimate: FeeEstimate): string | null {
  const needed = amountSun + estimate.feeSun
  if (estimate.balanceSun >= needed) return null
  return t('tip.insufficient', {
    needed: formatTrx(needed),
    amount: formatTrx(amountSun),
    fee: formatTrx(estimate.feeSun),
    balance: formatTrx(estimate.balanceSun),
  })
}

/**
 * Pays one tip. Resolves with the receipt once it is final (or, with the test hook, once signed);
 * rejects with a WalletProblemError the user can read, after the receipt says what happened.
 */
export async function payTip(
  connection: WalletConnection,
  signer: Signer,
  request: TipRequest,
  onUpdate: ReceiptListener,
): Promise<Receipt> {
  if (!connection.network) {
    throw new WalletProblemError('unsupported-network', t('tip.otherNetwork'))
  }
  const { transaction, estimate } = await prepareTip(connection, request)
  const shortfall = insufficientBalanceMessage(request.amountSun, estimate)
  if (shortfall) throw new WalletProblemError('insufficient-balance', shortfall)

  const intent = createIntent({
    ...request,
    networkId: connection.network.id,
    chainId: connection.chainId,
    nodeUrl: connection.nodeUrl,
    from: connection.address,
  })
  const paid = await withReceiptLock(intent.id, async () => {
    let receipt = await save(intent, onUpdate)
    let signed: SignedTransaction
    try {
      signed = await signer.sign(transaction)
      assertSameTransaction(transaction, signed)
    } catch (error) {
      const problem = classifyWalletError(error, connection.nodeUrl)
      await save(advance(receipt, 'failed', { error: problem.message }), onUpdate)
      throw problem
    }
    receipt = await save(
      advance(receipt, 'signed', {
        txId: signed.txID,
        signedTransaction: signed,
        expiration: signed.raw_data.expiration,
      }),
      onUpdate,
    )
    if (haltBeforeBroadcastRequested()) return receipt
    return follow(receipt, onUpdate)
  })
  // Without ifAvailable the lock is always granted (a brand-new id has no other holder).
  if (!paid) throw new Error(`The lock for receipt ${intent.id} was not granted`)
  return paid
}

/**
 * Picks up an unfinished receipt after a reload: does nothing if another tab is already on it,
 * otherwise follows it to confirmed or failed.
 */
export async function followReceipt(id: string, onUpdate: ReceiptListener): Promise<Receipt | null> {
  return withReceiptLock(
    id,
    async () => {
      const receipt = await getReceipt(id, isReceipt)
      if (!receipt || !isUnfinished(receipt)) return receipt ?? null
      return follow(receipt, onUpdate)
    },
    { ifAvailable: true },
  )
}

/** Broadcasts (again, if needed) and polls until the chain decides. Survives the node going away. */
async function follow(start: Receipt, onUpdate: ReceiptListener): Promise<Receipt> {
  let receipt = start
  let delay = POLL_INTERVAL_MS
  for (;;) {
    try {
      if (receipt.status === 'signed') receipt = await rebroadcast(receipt, onUpdate)
      if (!isUnfinished(receipt)) return receipt
      const view = receipt.txId ? await chainView(receipt.nodeUrl, receipt.txId) : null
      const action = reconcileAction(receipt, view)
      if (action.kind === 'confirm') {
        return await save(
          advance(receipt, 'confirmed', {
            feeSun: action.feeSun,
            blockNumber: action.blockNumber,
            error: null,
          }),
          onUpdate,
        )
      }
      if (action.kind === 'fail')
        return await save(advance(receipt, 'failed', { error: action.reason }), onUpdate)
      if (action.kind === 'rebroadcast') receipt = await rebroadcast(receipt, onUpdate)
      delay = POLL_INTERVAL_MS
    } catch (error) {
      if (
        !isUnreachable(error) &&
        !(error instanceof Error && error.message.startsWith('The node is busy'))
      ) {
        throw error
      }
      // The node is away: keep the receipt as it is and ask again, less often.
      const note = t('tip.nodeRetrying', { url: receipt.nodeUrl })
      if (receipt.error !== note)
        receipt = await save({ ...receipt, error: note, updatedAt: Date.now() }, onUpdate)
      delay = Math.min(delay * 2, MAX_POLL_INTERVAL_MS)
    }
    await sleep(delay)
  }
}

async function rebroadcast(receipt: Receipt, onUpdate: ReceiptListener): Promise<Receipt> {
  if (!receipt.signedTransaction) throw new Error(`Receipt ${receipt.id} has no signed transaction`)
  const outcome = await broadcast(receipt.nodeUrl, receipt.signedTransaction)
  if (outcome.kind === 'refused') {
    return save(
      advance(receipt, 'failed', {
        error: t('tip.refused', { code: outcome.code, message: outcome.message }),
      }),
      onUpdate,
    )
  }
  return save(advance(receipt, 'broadcast', { error: null }), onUpdate)
}

/** The wallet must sign exactly what was built: same id, same bytes. */
function assertSameTransaction(
  built: { txID: string; raw_data_hex: string },
  signed: SignedTransaction,
): void {
  if (
    signed.txID !== built.txID ||
    signed.raw_data_hex !== built.raw_data_hex ||
    signed.signature.length === 0
  ) {
    throw new WalletProblemError('other', t('tip.otherTransaction'))
  }
}

async function save(receipt: Receipt, onUpdate: ReceiptListener): Promise<Receipt> {
  await putReceipt(receipt)
  onUpdate(receipt)
  return receipt
}

async function withReceiptLock<T>(
  id: string,
  work: () => Promise<T>,
  options: { ifAvailable?: boolean } = {},
): Promise<T | null> {
  return navigator.locks.request(
    `tip-receipt:${id}`,
    { ifAvailable: options.ifAvailable ?? false },
    (lock) => (lock ? work() : null),
  )
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds))
}
