/**
 * Hooks that end-to-end tests and the benchmark use in a test build (VITE_TEST_HOOKS=1, set only by
 * playwright.config.ts and bench/run.ts). In every other build the flag is false at compile time and
 * these functions do nothing.
 *
 * - `localStorage['fault:quota-after-bytes'] = N`: piece writes fail with QuotaExceededError once N
 *   bytes have been written in this page load, as a full disk would.
 * - `localStorage['bench:store'] = 'memory'`: new torrents use WebTorrent's in-memory store instead of
 *   IndexedDB, to measure the difference.
 * - `localStorage['bench:idle-refill'] = '1'`: WebTorrent refills request pipelines in idle callbacks,
 *   as it does by itself, instead of in one coalesced task (request-refill.ts), to measure the difference.
 * - `localStorage['bench:main-thread-writes'] = '1'`: pieces are written to IndexedDB on the page's main
 *   thread instead of the storage worker, to measure the difference.
 * - `localStorage['bench:split-messages'] = '1'`: this page sends each block as two data channel
 *   messages (header, then payload), as bittorrent-protocol does by itself (whole-messages.ts).
 * - `localStorage['fault:halt-before-broadcast'] = '1'`: a tip stops right after its signed
 *   transaction is stored, so a test can close the page at the worst moment of a payment.
 * - `localStorage['fault:corrupt-uploads'] = '1'`: every block this page uploads has its first byte
 *   flipped, as a hostile or broken peer would send.
 * - `localStorage['fault:hello'] = 'forged'`: the tt_tip hello claims the address in
 *   `localStorage['fault:hello-address']` with this wallet's grant; `'replay'`: the page sends the
 *   first hello it received from another peer instead of its own.
 * - `localStorage['fault:paid-notice'] = txID`: a few seconds after its hello, the page announces that
 *   transaction as its payment (one it did not make).
 * - `localStorage['fault:tt-tip-flood'] = N`: right after its hello the page sends N bad `tt_tip`
 *   messages, cycling through the kinds docs/PROTOCOL.md says are dropped (oversized, not UTF-8, not
 *   JSON, an unknown type, another version, a payment notice for a transaction that does not exist).
 * - `localStorage['fault:never-upload'] = '1'`: the page requests pieces but never sends a block, as a
 *   freeloader would.
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

export function mainThreadWritesRequested(): boolean {
  return enabled && localStorage.getItem('bench:main-thread-writes') === '1'
}

export function splitMessagesRequested(): boolean {
  return enabled && localStorage.getItem('bench:split-messages') === '1'
}

export function idleRefillRequested(): boolean {
  return enabled && localStorage.getItem('bench:idle-refill') === '1'
}

/** `localStorage['fault:halt-before-broadcast'] = '1'`: a tip stops once its signed transaction is stored. */
export function haltBeforeBroadcastRequested(): boolean {
  return enabled && localStorage.getItem('fault:halt-before-broadcast') === '1'
}

/** `fault:corrupt-uploads`: this page sends corrupt blocks. */
export function corruptUploadsRequested(): boolean {
  return enabled && localStorage.getItem('fault:corrupt-uploads') === '1'
}

/** `fault:hello`: the hello this page sends instead of `own` (`seen`: the first one it received). */
export function tamperedHello<T extends { address: string }>(own: T, seen: T | null): T {
  if (!enabled) return own
  const fault = localStorage.getItem('fault:hello')
  if (fault === 'replay' && seen) return seen
  if (fault === 'forged')
    return { ...own, address: localStorage.getItem('fault:hello-address') ?? own.address }
  return own
}

/** `fault:tt-tip-flood`: the bad messages this page sends after its hello (none in other builds). */
export function floodPayloads(): Uint8Array[] {
  if (!enabled) return []
  const count = Math.min(Number(localStorage.getItem('fault:tt-tip-flood') ?? 0) || 0, 10_000)
  const text = new TextEncoder()
  const randomTx = () =>
    [...crypto.getRandomValues(new Uint8Array(32))].map((byte) => byte.toString(16).padStart(2, '0')).join('')
  const kinds: (() => Uint8Array)[] = [
    () => text.encode(JSON.stringify({ t: 'paid', v: 1, tx: randomTx(), pad: 'x'.repeat(5_000) })),
    () => Uint8Array.of(0xff, 0xfe, 0x7b),
    () => text.encode('{"t":"paid",'),
    () => text.encode(JSON.stringify({ t: 'refund', v: 1 })),
    () => text.encode(JSON.stringify({ t: 'paid', v: 2, tx: randomTx() })),
    () => text.encode(JSON.stringify({ t: 'paid', v: 1, tx: randomTx() })),
  ]
  return Array.from({ length: count }, (_, index) => kinds[index % kinds.length]!())
}

/** `fault:never-upload`: this page sends no block to anyone. */
export function neverUploadRequested(): boolean {
  return enabled && localStorage.getItem('fault:never-upload') === '1'
}

/** `fault:paid-notice`: a transaction this page claims as its payment. */
export function foreignPaidNotice(): string | null {
  return enabled ? localStorage.getItem('fault:paid-notice') : null
}
