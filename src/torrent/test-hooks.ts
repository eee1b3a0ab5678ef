/**
 * Hooks that end-to-end tests and the benchmark use in a test build (VITE_TEST_HOOKS=1, set only by
 * playwright.config.ts and bench/run.ts). In every other build the flag is false at compile time and
 * these functions do nothing.
 *
 * - `localStorage['fault:quota-after-bytes'] = N`: piece writes fail with QuotaExceededError once N
 *   bytes have been written in this page load, as a full disk would.
 * - `localStorage['bench:store'] = 'memory'`: new torrents use WebTorrent's in-memory store instead of
 *   IndexedDB, to measure the difference.
 * - `localStorage['fault:halt-before-broadcast'] = '1'`: a tip stops right after its signed
 *   transaction is stored, so a test can close the page at the worst moment of a payment.
 */
const enabled = import.meta.env.VITE_TEST_HOOKS === '1'
let bytesWritten = 0

export function checkInjectedQuota(bytesToWrite: number): void {
  if (!enabled) return
  const limit = Number(localStorage.getItem('fault:quota-after-bytes') ?? Number.NaN)
  if (Number.isFinite(limit) && bytesWritten + bytesToWrite > limit) {
    throw new DOMException('Injected fault: storage quota exceeded', 'QuotaExceededError')
  }
  bytesWritten += bytesToWrite
}

export function memoryStoreRequested(): boolean {
  return enabled && localStorage.getItem('bench:store') === 'memory'
}

/** `localStorage['fault:halt-before-broadcast'] = '1'`: a tip stops once its signed transaction is stored. */
export function haltBeforeBroadcastRequested(): boolean {
  return enabled && localStorage.getItem('fault:halt-before-broadcast') === '1'
}
