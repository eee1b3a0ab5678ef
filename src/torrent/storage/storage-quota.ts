/** The browser's storage budget for this site, and whether it may evict our data under pressure. */

export interface StorageStatus {
  usedBytes: number
  quotaBytes: number
  /** True when the browser promised not to evict this site's data when space runs low. */
  persisted: boolean
}

export async function readStorageStatus(): Promise<StorageStatus | null> {
  if (!('storage' in navigator) || typeof navigator.storage.estimate !== 'function') return null
  const [estimate, persisted] = await Promise.all([
    navigator.storage.estimate(),
    navigator.storage.persisted(),
  ])
  return { usedBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0, persisted }
}

/** Browsers decide without a prompt (Chromium: by site engagement); returns the decision. */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!('storage' in navigator) || typeof navigator.storage.persist !== 'function') return false
  return navigator.storage.persist()
}
