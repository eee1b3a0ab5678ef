/**
 * Which tab runs the engine, as the UI sees it: a mirror of the coordinator (src/core/engine-tab.ts),
 * the "Run here" intent, and whether a magnet opened here was sent to the running tab.
 */
import { t } from '../i18n/translate'
import type { EngineRole, EngineTab } from '../core/engine-tab'
import { notices } from './notices.svelte'

class EngineTabStore {
  #core: EngineTab | null = null
  #role = $state<EngineRole>('starting')
  #magnetSent = $state(false)

  get role(): EngineRole {
    return this.#role
  }
  /** Another tab runs the engine (or is about to): this one shows no torrents and offers to take over. */
  get elsewhere(): boolean {
    return this.#role === 'deferring' || this.#role === 'taking-over' || this.#role === 'handed-over'
  }
  /** A magnet opened in this tab went to the tab that runs the engine, which asks there. */
  get magnetSent(): boolean {
    return this.#magnetSent
  }

  attach(core: EngineTab): void {
    this.#core = core
    this.#role = core.role
    core.onChange(() => (this.#role = core.role))
  }

  /** Said in the status this tab shows (it defers to the tab the magnet went to). */
  magnetWentElsewhere(): void {
    this.#magnetSent = true
  }

  async takeOver(): Promise<void> {
    const outcome = (await this.#core?.takeOver()) ?? 'no-answer'
    if (outcome === 'no-answer') notices.alert(t('tabs.noAnswer'))
    if (outcome === 'refused') notices.alert(t('tabs.refused', { reason: this.#core?.refusal ?? '' }))
  }
}

export const engineTab = new EngineTabStore()
