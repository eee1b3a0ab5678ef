/**
 * Paying, write-ahead: every state is persisted before the step that depends on it runs.
 *
 *   intent (stored)  ->  signer signs  ->  signed (transaction stored)  ->  broadcast  ->  confirmed | failed
 *
 * A receipt is worked on by one pipeline at a time, across tabs too (the locks port). After a crash
 * the same code picks an unfinished receipt up again (`follow`): the stored signed transaction is
 * rebroadcast (the chain refuses a duplicate, so it is paid at most once) until it is on chain or has
 * surely expired. An intent is never signed twice: a retry is a new intent the user asked for. Once a
 * signed transaction is stored, any error (the node refusing queries, an odd body, a failed write)
 * means "unknown, follow by txID" with growing waits, never "failed" or "pay again": a receipt that may
 * have been sent fails only when solidified blocks show it expired and a second lookup agrees.
 *
 * Each receipt holds its own transaction: a transfer identical to one another receipt holds (same
 * txID, as TronWeb builds identical transfers within one block) is rebuilt with a fresh timestamp.
 */
import { stored, type StoredMessage } from '../i18n/stored-message'
import { t } from '../i18n/translate'
import { NodeBusyError } from '../tron/chain'
import {
  type ChainView,
  advance,
  createIntent,
  isUnfinished,
  reconcileAction,
  type Receipt,
  type SignedTransaction,
} from '../tron/receipt'
import {
  insufficientBalanceMessage,
  type BuiltTransfer,
  type Signer,
  type TipRequest,
} from '../tron/tip-pipeline'
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
/** Rebuilds tried when each new build repeats a txID another receipt holds (never more than one in practice). */
const MAX_REBUILDS = 5

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
  /** txIDs built by a payment of this page that has not stored its signed transaction yet. */
  readonly #reserved = new Set<string>()
  /** Set by `dispose`: the page is going away, so loops that follow the chain stop. */
  #disposed = false

  constructor(ports: PaymentPorts) {
    this.#ports = ports
  }

  /**
   * Stops every follow loop at its next wake, writing nothing more, as closing the tab would: a
   * receipt left unfinished is picked up by the next page load, by txID.
   */
  dispose(): void {
    this.#disposed = true
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
    const network = connection.network
    if (!network) {
      throw new WalletProblemError('unsupported-network', t('tip.otherNetwork'))
    }
    const { transaction, estimate } = await this.#buildOwnTransfer(connection, signer, request)
    try {
      const shortfall = insufficientBalanceMessage(request.amountSun, estimate)
      if (shortfall) throw new WalletProblemError('insufficient-balance', shortfall)
      return await this.#payBuilt({ ...connection, network }, signer, request, transaction, onUpdate)
    } finally {
      this.#reserved.delete(transaction.txID)
    }
  }

  /**
   * Builds the transfer, valid as long as its signer needs (a person in a wallet takes longer than a
   * key in the page), and rebuilds it with a fresh timestamp while its txID is one another receipt
   * holds: two receipts must never claim one payment. The id is reserved until it is stored.
   */
  async #buildOwnTransfer(
    connection: WalletConnection,
    signer: Signer,
    request: TipRequest,
  ): Promise<BuiltTransfer> {
    const { chain, clock, receipts } = this.#ports
    const known = this.#loaded ? this.#receipts : await receipts.all()
    const held = new Set(known.map((receipt) => receipt.txId))
    const validForMs = signer.validForMs
    let built = await chain.buildTransfer(connection, request, validForMs ? { validForMs } : {})
    for (
      let rebuild = 0;
      held.has(built.transaction.txID) || this.#reserved.has(built.transaction.txID);
      rebuild++
    ) {
      if (rebuild === MAX_REBUILDS)
        throw new Error(`Transaction ${built.transaction.txID} is another receipt's`)
      built = await chain.buildTransfer(connection, request, {
        ...(validForMs ? { validForMs } : {}),
        timestamp: clock.now() + rebuild,
      })
    }
    this.#reserved.add(built.transaction.txID)
    return built
  }

  async #payBuilt(
    connection: WalletConnection & { network: NonNullable<WalletConnection['network']> },
    signer: Signer,
    request: TipRequest,
    transaction: BuiltTransfer['transaction'],
    onUpdate?: (receipt: Receipt) => void,
  ): Promise<Receipt> {
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
        if (!(await this.#ports.chain.rawDataMatches(signed))) {
          throw new WalletProblemError('other', t('tip.rawDataMismatch'), stored('tip.rawDataMismatch'))
        }
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
   * Broadcasts (again, if needed) and polls until the chain decides. Survives the node going away,
   * refusing queries or answering oddly, and a failed write: none of these says anything about the
   * transaction, so the loop waits longer and asks again, for as long as it takes.
   * Only a transaction signed in this very call (`unsent`) is broadcast before the chain is asked:
   * any other may already have gone out (a crash or a lost answer can come between a broadcast and
   * storing its status), so its txID is looked up first and it is sent again only if unknown.
   */
  async #follow(
    start: Receipt,
    save: (receipt: Receipt) => Promise<Receipt>,
    { unsent = false }: { unsent?: boolean } = {},
  ): Promise<Receipt> {
    const { clock } = this.#ports
    let receipt = start
    let delay = POLL_INTERVAL_MS
    let firstSend = unsent
    for (;;) {
      try {
        if (receipt.status === 'signed' && firstSend) {
          firstSend = false
          receipt = await this.#broadcast(receipt, save, { onlyCopy: true })
        }
        if (!isUnfinished(receipt)) return receipt
        let action = reconcileAction(receipt, await this.#view(receipt))
        if (action.kind === 'expired') {
          // Asked again, after the solidified head was read: a lagging backend or a late block
          // would show the transaction now. Only a second "unknown" past the margin fails it.
          action = reconcileAction(receipt, await this.#view(receipt))
          if (action.kind === 'expired') action = { kind: 'fail', reason: stored('receipt.expired') }
        }
        if (action.kind === 'confirm') {
          const changes = { feeSun: action.feeSun, blockNumber: action.blockNumber, error: null }
          return await save(advance(receipt, 'confirmed', changes, clock.now()))
        }
        if (action.kind === 'fail')
          return await save(advance(receipt, 'failed', { error: action.reason }, clock.now()))
        if (action.kind === 'rebroadcast') receipt = await this.#broadcast(receipt, save, { onlyCopy: false })
        delay = POLL_INTERVAL_MS
      } catch (error) {
        // Unknown, not failed: keep the receipt as it is and ask again, less often.
        if (!isNodeAway(error)) console.warn(`Following receipt ${receipt.id}; asking again:`, error)
        receipt = await this.#note(receipt, save, stored('tip.nodeRetrying', { url: receipt.nodeUrl }))
        delay = Math.min(delay * 2, MAX_POLL_INTERVAL_MS)
      }
      await sleep(clock, delay)
      if (this.#disposed) throw new Error(`Stopped following receipt ${receipt.id}: the page is closing`)
    }
  }

  #view(receipt: Receipt): Promise<ChainView | null> {
    return receipt.txId ? this.#ports.chain.view(receipt.nodeUrl, receipt.txId) : Promise.resolve(null)
  }

  /** Says on the receipt what the pipeline waits for; a failed write changes nothing (the next will tell). */
  async #note(
    receipt: Receipt,
    save: (receipt: Receipt) => Promise<Receipt>,
    note: StoredMessage,
  ): Promise<Receipt> {
    if (receipt.error?.code === note.code) return receipt
    return save({ ...receipt, error: note, updatedAt: this.#ports.clock.now() }).catch(() => receipt)
  }

  async #broadcast(
    receipt: Receipt,
    save: (receipt: Receipt) => Promise<Receipt>,
    { onlyCopy }: { onlyCopy: boolean },
  ): Promise<Receipt> {
    if (!receipt.signedTransaction) throw new Error(`Receipt ${receipt.id} has no signed transaction`)
    const { chain, clock } = this.#ports
    const outcome = await chain.broadcast(receipt.nodeUrl, receipt.signedTransaction)
    if (outcome.kind === 'refused') {
      const error = stored('tip.refused', { code: outcome.code, message: outcome.message })
      // A refusal speaks of this copy only. java-tron checks expiration before duplicates, so a copy
      // that landed earlier is refused as expired once it is: after any earlier send, the expiry
      // rule decides. The only copy ever sent, refused, is failed unless the chain knows its txID.
      if (!onlyCopy) return this.#note(receipt, save, error)
      const view = await this.#view(receipt)
      if (view?.kind === 'unknown' || view === null)
        return save(advance(receipt, 'failed', { error }, clock.now()))
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
