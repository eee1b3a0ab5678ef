/** Storage used by this site, refreshed on demand (the settings view) and after big changes. */
import {
  readStorageStatus,
  requestPersistentStorage,
  type StorageStatus,
} from '../torrent/storage/storage-quota'

class StorageStore {
  #status = $state<StorageStatus | null>(null)
  #asked = false

  get status(): StorageStatus | null {
    return this.#status
  }

  async refresh(): Promise<void> {
    this.#status = await readStorageStatus()
  }

  /** Asked once per page load, when the user first stores something: it never shows a prompt. */
  async askToPersistOnce(): Promise<void> {
    if (this.#asked) return
    this.#asked = true
    await requestPersistentStorage()
    await this.refresh()
  }

  async askToPersist(): Promise<boolean> {
    const granted = await requestPersistentStorage()
    await this.refresh()
    return granted
  }
}

export const storage = new StorageStore()
