/**
 * A tip before anything is stored: who is paid, the transfer built and priced by the node, and
 * whether the balance covers it. The write-ahead payment itself is src/core/payments.ts.
 */
import { t } from '../i18n/translate'
import { formatTrx } from './amounts'
import { estimateTransferFee, type FeeEstimate } from './chain'
import { nodeClient } from './node-client'
import type { SignedTransaction } from './receipt'
import type { WalletConnection } from './wallet'
import { WalletProblemError, classifyWalletError } from './wallet-errors'

export interface TipRequest {
  to: string
  amountSun: number
  torrent?: { infoHash: string; name: string } | null
  peer?: string | null
  purpose?: 'funding' | 'sweep'
}

export interface Signer {
  sign(transaction: Record<string, unknown>): Promise<SignedTransaction>
  /**
   * How long a transaction this signer is given stays valid, when longer than TronWeb's 60 s: a
   * person approving in a wallet may take minutes (see WALLET_APPROVAL_MS in ./wallet.ts). Unset for a key in the page.
   */
  readonly validForMs?: number
}

/** TronWeb's validity for a new transaction (head block time + 60 s): enough for a key in the page. */
export const DEFAULT_VALIDITY_MS = 60_000

/** How a transfer is stamped: its validity, and a timestamp other than the head block's (a rebuild). */
export interface BuildOptions {
  validForMs?: number
  timestamp?: number
}

/** A transfer built for a request, and what it will cost. */
export interface BuiltTransfer {
  transaction: Record<string, unknown> & { txID: string; raw_data_hex: string }
  estimate: FeeEstimate
}

/** Builds the transfer and prices it, before anything is stored or signed. */
export async function prepareTip(
  connection: WalletConnection,
  request: TipRequest,
  options: BuildOptions = {},
): Promise<BuiltTransfer> {
  const tronWeb = await nodeClient(connection.nodeUrl)
  if (!tronWeb.isAddress(request.to)) {
    throw new WalletProblemError('other', t('tip.notAnAddress', { address: request.to }))
  }
  if (request.to === connection.address) {
    throw new WalletProblemError('other', t('tip.ownAddress'))
  }
  try {
    // TronWeb's own reference block, with the validity and timestamp asked for (built in the page).
    const head = await tronWeb.trx.getCurrentRefBlockParams()
    const blockHeader = {
      ref_block_bytes: head.ref_block_bytes,
      ref_block_hash: head.ref_block_hash,
      expiration: head.timestamp + (options.validForMs ?? DEFAULT_VALIDITY_MS),
      timestamp: options.timestamp ?? head.timestamp,
    }
    const transaction = (await tronWeb.transactionBuilder.sendTrx(
      request.to,
      request.amountSun,
      connection.address,
      { blockHeader },
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
