/**
 * Faults that end-to-end tests inject into a test build (VITE_FAULT_INJECTION=1, set only by
 * playwright.config.ts). In every other build the flag is false at compile time and this is inert.
 *
 * `localStorage['fault:quota-after-bytes'] = N` makes piece writes fail with QuotaExceededError once
 * N bytes have been written in this page load, as a full disk would.
 */
const enabled = import.meta.env.VITE_FAULT_INJECTION === '1'
let bytesWritten = 0

export function checkInjectedQuota(bytesToWrite: number): void {
  if (!enabled) return
  const limit = Number(localStorage.getItem('fault:quota-after-bytes') ?? Number.NaN)
  if (Number.isFinite(limit) && bytesWritten + bytesToWrite > limit) {
    throw new DOMException('Injected fault: storage quota exceeded', 'QuotaExceededError')
  }
  bytesWritten += bytesToWrite
}
