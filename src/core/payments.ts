/**
 * Paying, write-ahead: every state is persisted before the step that depends on it runs.
 *
 *   intent (stored)  ->  signer signs  ->  signed (transaction stored)  ->  broadcast  ->  confirmed | failed
 *
 * A receipt is worked on by one pipeline at a time, across tabs too (the locks port). After a crash
 * the same code picks an unfinished receipt up again (`follow`): the stored signed transaction is
 * rebroadcast (the chain refuses a duplicate, so it is paid at most once) until it is on chain or has
 * surely expired. An intent is never signed twice: a retry is a new intent the user asked for. After
 * a broadcast, any error means "unknown, follow by txID", never "failed" or "pay again".
 */
import { stored } from '../i18n/stored-message'
import { t } from '../i18n/translate'
import { NodeBusyError } from '../tron/chain'
import {
  advance,
  createIntent,
  isUnfinished,
  reconcileAction,
  type Receipt,
  type SignedTransaction,
} from '../tron/receipt'
import { insufficientBalanceMessage, type Signer, type TipRequest } from '../tron/tip-pipeline'
import type { WalletConnection } from '../tron/wallet'
import {
  WalletProblemError,
  classifyWalletError,
  isTransientNodeError,
  isUnreachable,
} from '../tron/wallet-errors'
import { sleep, type ChainPort, type Clock, type Locks, type ReceiptRepository } from './ports'

export const POLL_INTERVAL_MS = 1_000
export const MAX_POLL_INTERVAL_MS = 15_000

export interface PaymentPorts {
  chain: ChainPort
  receipts: ReceiptRepository
  locks: Locks
  clock: Clock
}

export type PaymentEvent =
  /** A receipt was stored in a new state (every step, every tab's own pipeline). */
  | { type: 'updated'; receipt: Receipt }
  /** A payment is on chain: the tipping side tells the peer, the wallet refreshes its balance. */
  | { type: 'confirmed'; receipt: Receipt }

export type PaymentListener = (event: PaymentEvent) => void

/** The node cannot answer now (down, or busy): keep the receipt as it is and ask again later. */
export function isNodeAway(error: unknown): boolean {
  return error instanceof NodeBusyError || isUnreachable(error) || isTransientNodeError(error)
}

export class Payments {
  readonly #ports: PaymentPorts
  readonly #listeners = new Set<PaymentListener>()
  #receipts: Receipt[] = []
  #loaded = false

  constructor(ports: PaymentPorts) {
    this.#ports = ports
  }

  /** Every receipt this page knows, oldest first. */
  get all(): readonly Receipt[] {
    return this.#receipts
  }
  get loaded(): boolean {
    return this.#loaded
  }

  subscribe(listener: PaymentListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /**
   * Reads the receipts and follows every unfinished one to its end (no wallet needed for that).
   * Resolves once read; `onFollowError` hears of a receipt that could not be followed.
   */
  async load(onFollowError: (receipt: Receipt, error: unknown) => void): Promise<void> {
    this.#receipts = await this.#ports.receipts.all()
    this.#loaded = true
    for (const receipt of this.#receipts.filter(isUnfinished)) {
      this.resume(receipt.id).catch((error: unknown) => onFollowError(receipt, error))
    }
  }

  /**
   * Pays one request from `connection`, signed by `signer`. Resolves with the receipt once it is
   * final; rejects with a WalletProblemError the user can read, after the receipt says what happened.
   */
  async pay(
    connection: WalletConnection,
    signer: Signer,
    request: TipRequest,
    onUpdate?: (receipt: Receipt) => void,
  ): Promise<Receipt> {
    if (!connection.network) {
      throw new WalletProblemError('unsupported-network', t('tip.otherNetwork'))
    }
    const { transaction, estimate } = await this.#ports.chain.buildTransfer(connection, request)
    const shortfall = insufficientBalanceMessage(request.amountSun, estimate)
    if (shortfall) throw new WalletProblemError('insufficient-balance', shortfall)

    const intent = createIntent(
      {
        ...request,
        networkId: connection.network.id,
        chainId: connection.chainId,
        nodeUrl: connection.nodeUrl,
        from: connection.address,
      },
      undefined,
      this.#ports.clock.now(),
    )
    const save = (receipt: Receipt) => this.#save(receipt, onUpdate)
    const paid = await this.#ports.locks.run(lockName(intent.id), async () => {
      let receipt = await save(intent)
      let signed: SignedTransaction
      try {
        signed = await signer.sign(transaction)
        assertSameTransaction(transaction, signed)
      } catch (error) {
        const problem = classifyWalletError(error, connection.nodeUrl)
        await save(advance(receipt, 'failed', { error: problem.stored }, this.#ports.clock.now()))
        throw problem
      }
      receipt = await save(
        advance(
          receipt,
          'signed',
          { txId: signed.txID, signedTransaction: signed, expiration: signed.raw_data.expiration },
          this.#ports.clock.now(),
        ),
      )
      return this.#follow(receipt, save, { unsent: true })
    })
    // Without ifAvailable the lock is always granted (a brand-new id has no other holder).
    if (!paid) throw new Error(`The lock for receipt ${intent.id} was not granted`)
    return paid
  }

  /**
   * Picks up an unfinished receipt after a reload: does nothing if another tab is already on it,
   * otherwise follows it to confirmed or failed.
   */
  async resume(id: string): Promise<Receipt | null> {
    return this.#ports.locks.run(
      lockName(id),
      async () => {
        const receipt = await this.#ports.receipts.get(id)
        if (!receipt || !isUnfinished(receipt)) return receipt ?? null
        return this.#follow(receipt, (updated) => this.#save(updated))
      },
      { ifAvailable: true },
    )
  }

  /**
   * Broadcasts (again, if needed) and polls until the chain decides. Survives the node going away.
   * Only a transaction signed in this very call (`unsent`) is broadcast before the chain is asked:
   * any other may already have gone out (a crash or a lost answer can come between a broadcast and
   * storing its status), so its txID is looked up first and it is sent again only if unknown.
   */
  async #follow(
    start: Receipt,
    save: (receipt: Receipt) => Promise<Receipt>,
    { unsent = false }: { unsent?: boolean } = {},
  ): Promise<Receipt> {
    const { chain, clock } = this.#ports
    let receipt = start
    let delay = POLL_INTERVAL_MS
    let firstSend = unsent
    for (;;) {
      try {
        if (receipt.status === 'signed' && firstSend) {
          firstSend = false
          receipt = await this.#broadcast(receipt, save)
        }
        if (!isUnfinished(receipt)) return receipt
        const view = receipt.txId ? await chain.view(receipt.nodeUrl, receipt.txId) : null
        const action = reconcileAction(receipt, view)
        if (action.kind === 'confirm') {
          const changes = { feeSun: action.feeSun, blockNumber: action.blockNumber, error: null }
          return await save(advance(receipt, 'confirmed', changes, clock.now()))
        }
        if (action.kind === 'fail')
          return await save(advance(receipt, 'failed', { error: action.reason }, clock.now()))
        if (action.kind === 'rebroadcast') receipt = await this.#broadcast(receipt, save)
        delay = POLL_INTERVAL_MS
      } catch (error) {
        if (!isNodeAway(error)) throw error
        // The node is away: keep the receipt as it is and ask again, less often.
        if (receipt.error?.code !== 'tip.nodeRetrying') {
          const note = stored('tip.nodeRetrying', { url: receipt.nodeUrl })
          receipt = await save({ ...receipt, error: note, updatedAt: clock.now() })
        }
        delay = Math.min(delay * 2, MAX_POLL_INTERVAL_MS)
      }
      await sleep(clock, delay)
    }
  }

  async #broadcast(receipt: Receipt, save: (receipt: Receipt) => Promise<Receipt>): Promise<Receipt> {
    if (!receipt.signedTransaction) throw new Error(`Receipt ${receipt.id} has no signed transaction`)
    const { chain, clock } = this.#ports
    const outcome = await chain.broadcast(receipt.nodeUrl, receipt.signedTransaction)
    if (outcome.kind === 'refused') {
      // A refusal speaks of this copy only. java-tron checks expiration before duplicates, so a copy
      // that landed earlier is refused as expired once it is: the chain decides, by txID.
      const view = receipt.txId ? await chain.view(receipt.nodeUrl, receipt.txId) : null
      if (view?.kind === 'unknown' || view === null) {
        const error = stored('tip.refused', { code: outcome.code, message: outcome.message })
        return save(advance(receipt, 'failed', { error }, clock.now()))
      }
    }
    return save(advance(receipt, 'broadcast', { error: null }, clock.now()))
  }

  async #save(receipt: Receipt, onUpdate?: (receipt: Receipt) => void): Promise<Receipt> {
    await this.#ports.receipts.put(receipt)
    const index = this.#receipts.findIndex((existing) => existing.id === receipt.id)
    this.#receipts =
      index === -1
        ? [...this.#receipts, receipt]
        : this.#receipts.map((existing, i) => (i === index ? receipt : existing))
    onUpdate?.(receipt)
    this.#emit({ type: 'updated', receipt })
    if (receipt.status === 'confirmed') this.#emit({ type: 'confirmed', receipt })
    return receipt
  }

  #emit(event: PaymentEvent): void {
    for (const listener of this.#listeners) listener(event)
  }
}

function lockName(id: string): string {
  return `tip-receipt:${id}`
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
    throw new WalletProblemError('other', t('tip.otherTransaction'), stored('tip.otherTransaction'))
  }
}
