/** User settings: trackers, transfer limits and the session budget's cap, persisted in IndexedDB. */
import { DEFAULT_TRACKERS } from '../config'
import { DEFAULT_MAX_BUDGET_SUN } from '../tipping/session'
import { loadSettings, saveSettings } from '../db/settings-db'
import { parseTrackerList } from '../torrent/input/trackers'
import { DEFAULT_PRIORITY_RATE_SUN_PER_GB, parsePriorityRate } from '../tipping/priority'

class SettingsStore {
  #trackers = $state<readonly string[]>(DEFAULT_TRACKERS)
  #downloadLimitKBps = $state<number | null>(null)
  #uploadLimitKBps = $state<number | null>(null)
  #maxSessionBudgetSun = $state<number | null>(null)
  #priorityRateSunPerGB = $state(DEFAULT_PRIORITY_RATE_SUN_PER_GB)
  #loaded = $state(false)

  get trackers(): readonly string[] {
    return this.#trackers
  }
  get downloadLimitKBps(): number | null {
    return this.#downloadLimitKBps
  }
  get uploadLimitKBps(): number | null {
    return this.#uploadLimitKBps
  }
  /** No tipping session is funded with more than this (sun): it caps what one session can lose. */
  get maxSessionBudgetSun(): number {
    return this.#maxSessionBudgetSun ?? DEFAULT_MAX_BUDGET_SUN
  }
  /** What a peer must pay per GB it is sent to be served first (docs/PROTOCOL.md, "Upload priority"). */
  get priorityRateSunPerGB(): number {
    return this.#priorityRateSunPerGB
  }
  get loaded(): boolean {
    return this.#loaded
  }

  async load(): Promise<void> {
    const stored = await loadSettings()
    if (stored.trackers) this.#trackers = stored.trackers
    this.#downloadLimitKBps = stored.downloadLimitKBps
    this.#uploadLimitKBps = stored.uploadLimitKBps
    this.#maxSessionBudgetSun = stored.maxSessionBudgetSun ?? null
    this.#priorityRateSunPerGB =
      parsePriorityRate(stored.priorityRateSunPerGB) ?? DEFAULT_PRIORITY_RATE_SUN_PER_GB
    this.#loaded = true
  }

  /** Returns the lines that were not usable tracker URLs, so the caller can say so. */
  async setTrackersFromText(text: string): Promise<string[]> {
    const { trackers, rejected } = parseTrackerList(text)
    this.#trackers = trackers
    await this.#save()
    return rejected
  }

  async setLimits(downloadLimitKBps: number | null, uploadLimitKBps: number | null): Promise<void> {
    this.#downloadLimitKBps = downloadLimitKBps
    this.#uploadLimitKBps = uploadLimitKBps
    await this.#save()
  }

  async setMaxSessionBudget(sun: number): Promise<void> {
    if (!Number.isSafeInteger(sun) || sun <= 0) throw new RangeError(`Not a budget in sun: ${sun}`)
    this.#maxSessionBudgetSun = sun
    await this.#save()
  }

  /** Refuses (RangeError) a rate that is not a whole number of sun within the allowed range. */
  async setPriorityRate(rateSunPerGB: number): Promise<void> {
    const rate = parsePriorityRate(rateSunPerGB)
    if (rate === null) throw new RangeError(`Not a usable priority rate: ${rateSunPerGB}`)
    this.#priorityRateSunPerGB = rate
    await this.#save()
  }

  async resetTrackers(): Promise<void> {
    this.#trackers = DEFAULT_TRACKERS
    await this.#save()
  }

  #save(): Promise<void> {
    return saveSettings({
      trackers: [...this.#trackers],
      downloadLimitKBps: this.#downloadLimitKBps,
      uploadLimitKBps: this.#uploadLimitKBps,
      maxSessionBudgetSun: this.#maxSessionBudgetSun,
      priorityRateSunPerGB: this.#priorityRateSunPerGB,
    })
  }
}

export const settings = new SettingsStore()
