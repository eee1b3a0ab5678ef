/** Receipts as the UI sees them: a mirror of the payments core, and the manual tip intent. */
import { t } from '../i18n/translate'
import type { Payments } from '../core/payments'
import type { Receipt } from '../tron/receipt'
import type { Signer, TipRequest } from '../tron/tip-pipeline'
import type { WalletConnection } from '../tron/wallet'

class ReceiptsStore {
  #payments: Payments | null = null
  #receipts = $state.raw<readonly Receipt[]>([])
  #loaded = $state(false)

  get all(): readonly Receipt[] {
    return this.#receipts
  }
  get loaded(): boolean {
    return this.#loaded
  }

  attach(payments: Payments): void {
    this.#payments = payments
    payments.subscribe(() => {
      this.#receipts = payments.all
      this.#loaded = payments.loaded
    })
  }

  /** Reads the receipts and follows every unfinished one to its end (no wallet needed for that). */
  async load(onFollowError: (receipt: Receipt, error: unknown) => void): Promise<void> {
    const payments = this.#required()
    await payments.load(onFollowError)
    this.#receipts = payments.all
    this.#loaded = true
  }

  /**
   * Pays a tip from `connection`. Resolves with the final receipt; rejects with an error meant for
   * the user (also when nothing was stored because the tip could not even start).
   */
  pay(
    connection: WalletConnection | null,
    signer: Signer,
    request: TipRequest,
    onUpdate?: (receipt: Receipt) => void,
  ): Promise<Receipt> {
    if (!connection) return Promise.reject(new Error(t('tip.connectFirst')))
    return this.#required().pay(connection, signer, request, onUpdate)
  }

  #required(): Payments {
    if (!this.#payments) throw new Error('The receipts store is used before main.ts attached it')
    return this.#payments
  }
}

export const receipts = new ReceiptsStore()
