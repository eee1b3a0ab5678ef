/**
 * Tips other peers paid this client, checked on chain: the list, kept across page loads. A
 * transaction is credited once, whichever peer or page load announces it again.
 */
import type { ReceivedTip } from '../tron/received-tip'

export interface ReceivedTipRepository {
  all(): Promise<ReceivedTip[]>
  put(tip: ReceivedTip): Promise<void>
}

export class ReceivedTips {
  readonly #repository: ReceivedTipRepository
  readonly #listeners = new Set<(tips: readonly ReceivedTip[]) => void>()
  readonly #credited = new Set<string>()
  #tips: ReceivedTip[] = []

  constructor(repository: ReceivedTipRepository) {
    this.#repository = repository
  }

  /** Oldest first. */
  get all(): readonly ReceivedTip[] {
    return this.#tips
  }

  subscribe(listener: (tips: readonly ReceivedTip[]) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Reads the tips of earlier page loads (they are never credited again) and returns them. */
  async load(): Promise<readonly ReceivedTip[]> {
    const stored = await this.#repository.all()
    const fresh = stored.filter((tip) => !this.#credited.has(tip.txId))
    for (const tip of fresh) this.#credited.add(tip.txId)
    this.#tips = [...this.#tips, ...fresh].sort((a, b) => a.at - b.at)
    this.#emit()
    return this.#tips
  }

  /**
   * Credits a tip checked on chain, once: false (and nothing stored) when its transaction was
   * credited before. The returned promise settles when it is stored.
   */
  async credit(tip: ReceivedTip): Promise<boolean> {
    if (this.#credited.has(tip.txId)) return false
    this.#credited.add(tip.txId)
    this.#tips = [...this.#tips, tip]
    this.#emit()
    await this.#repository.put(tip)
    return true
  }

  #emit(): void {
    for (const listener of this.#listeners) listener(this.#tips)
  }
}
