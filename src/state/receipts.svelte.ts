/** Receipts as the UI sees them: the list, the tip in progress, and reconciliation after a reload. */
import { t } from '../i18n/translate'
import { allReceipts } from '../db/receipts-db'
import { isReceipt } from '../tron/receipt-guard'
import { describeError } from '../shared/errors'
import { isUnfinished, type Receipt } from '../tron/receipt'
import { followReceipt, payTip, type Signer, type TipRequest } from '../tron/tip-pipeline'
import type { WalletConnection } from '../tron/wallet'
import { notices } from './notices.svelte'
import { tipping } from './tipping.svelte'
import { wallet } from './wallet.svelte'

class ReceiptsStore {
  #receipts = $state<Receipt[]>([])
  #loaded = $state(false)

  get all(): readonly Receipt[] {
    return this.#receipts
  }
  get loaded(): boolean {
    return this.#loaded
  }

  /** Reads the receipts and follows every unfinished one to its end (no wallet needed for that). */
  async load(): Promise<void> {
    this.#receipts = await allReceipts(isReceipt)
    this.#loaded = true
    for (const receipt of this.#receipts.filter(isUnfinished)) {
      followReceipt(receipt.id, (updated) => this.#update(updated)).catch((error: unknown) =>
        notices.alert(describeError(error, t('tip.checkFailed', { address: receipt.to }))),
      )
    }
  }

  /**
   * Pays a tip through the connected wallet. Resolves with the final receipt; rejects with an error
   * meant for the user (also when nothing was stored because the tip could not even start).
   */
  async pay(request: TipRequest, onUpdate?: (receipt: Receipt) => void): Promise<Receipt> {
    const connection = wallet.connection
    if (!connection) throw new Error(t('tip.connectFirst'))
    const receipt = await this.payFrom(connection, wallet.signer, request, onUpdate)
    if (receipt.status === 'confirmed') void wallet.refreshBalance()
    return receipt
  }

  /** Pays from any signer: the wallet, or a tipping session's wallet (no prompt). */
  payFrom(
    connection: WalletConnection,
    signer: Signer,
    request: TipRequest,
    onUpdate?: (receipt: Receipt) => void,
  ): Promise<Receipt> {
    return payTip(connection, signer, request, (updated) => {
      this.#update(updated)
      onUpdate?.(updated)
    })
  }

  #update(receipt: Receipt): void {
    // A confirmed tip to a peer is announced to it (tt_tip `paid`); it checks the chain itself.
    if (receipt.status === 'confirmed' && receipt.txId && receipt.torrent && receipt.peer) {
      tipping.notifyPaid(receipt.torrent.infoHash, receipt.peer, receipt.txId)
    }
    const index = this.#receipts.findIndex((existing) => existing.id === receipt.id)
    this.#receipts =
      index === -1
        ? [...this.#receipts, receipt]
        : this.#receipts.map((existing, i) => (i === index ? receipt : existing))
  }
}

export const receipts = new ReceiptsStore()
