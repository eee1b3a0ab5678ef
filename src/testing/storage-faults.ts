/**
 * Test builds only: the chunk store as the fault and benchmark switches want it.
 * - `localStorage['fault:quota-after-bytes'] = N`: piece writes fail with QuotaExceededError once N
 *   bytes have been written in this page load, as a full disk would (read at each write).
 * - `localStorage['bench:store'] = 'memory'`: new torrents use WebTorrent's in-memory store instead of
 *   IndexedDB, to measure the difference (read at each add).
 */
import type { ChunkStoreClass } from '../torrent/engine/webtorrent-engine'
import { IdbChunkStore } from '../torrent/storage/idb-chunk-store'

let bytesWritten = 0

/** IndexedDB storage whose writes fail once the injected quota is used up. */
class QuotaLimitedStore extends IdbChunkStore {
  override put(index: number, data: Uint8Array, callback: (error: Error | null) => void = () => {}): void {
    const limit = Number(localStorage.getItem('fault:quota-after-bytes') ?? Number.NaN)
    if (Number.isFinite(limit) && bytesWritten + data.length > limit) {
      const full = new DOMException('Injected fault: storage quota exceeded', 'QuotaExceededError')
      queueMicrotask(() => callback(full))
      return
    }
    bytesWritten += data.length
    super.put(index, data, callback)
  }
}

/** The store a new torrent gets; null is WebTorrent's own in-memory store. */
export function chunkStoreForTests(): ChunkStoreClass | null {
  return localStorage.getItem('bench:store') === 'memory' ? null : QuotaLimitedStore
}
