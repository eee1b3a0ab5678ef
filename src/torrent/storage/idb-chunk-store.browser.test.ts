/** The abstract-chunk-store contract, run against Chromium's real IndexedDB. */
import { afterEach, describe, expect, it } from 'vitest'
import { chunkWriter } from './chunk-writer'
import {
  deleteStoredChunk,
  deleteTorrentChunks,
  IdbChunkStore,
  readStoredChunk,
  RECENT_BYTES,
  storedChunkIndices,
} from './idb-chunk-store'

const CHUNK = 16
let counter = 0
const stores: IdbChunkStore[] = []

function newStore(length = CHUNK * 4 - 5): { store: IdbChunkStore; infoHash: string } {
  const infoHash = `${Date.now().toString(16)}${(counter++).toString(16)}`.padEnd(40, '0')
  const store = new IdbChunkStore(CHUNK, { torrent: { infoHash }, length })
  stores.push(store)
  return { store, infoHash }
}

function bytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff)
}

const put = (store: IdbChunkStore, index: number, data: Uint8Array) =>
  new Promise<void>((resolve, reject) =>
    store.put(index, data, (error) => (error ? reject(error) : resolve())),
  )

const get = (store: IdbChunkStore, index: number, options?: { offset?: number; length?: number }) =>
  new Promise<Uint8Array>((resolve, reject) =>
    store.get(index, options ?? null, (error, data) =>
      data && !error ? resolve(data) : reject(error ?? new Error('no data')),
    ),
  )

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => new Promise((resolve) => store.destroy(resolve))))
})

describe('IdbChunkStore', () => {
  it('exposes chunkLength', () => {
    expect(newStore().store.chunkLength).toBe(CHUNK)
  })

  it('returns what was put, whole and by range', async () => {
    const { store } = newStore()
    const data = bytes(CHUNK, 1)
    await put(store, 0, data)
    expect(await get(store, 0)).toEqual(data)
    expect(await get(store, 0, { offset: 3 })).toEqual(data.subarray(3))
    expect(await get(store, 0, { offset: 2, length: 5 })).toEqual(data.subarray(2, 7))
    expect(await get(store, 0, { length: 4 })).toEqual(data.subarray(0, 4))
  })

  it('accepts a shorter last chunk and rejects wrong lengths and indices', async () => {
    const { store } = newStore(CHUNK * 4 - 5)
    await put(store, 3, bytes(CHUNK - 5, 2))
    expect(await get(store, 3)).toHaveLength(CHUNK - 5)
    await expect(put(store, 1, bytes(CHUNK - 1, 3))).rejects.toThrow('Chunk length must be 16')
    await expect(put(store, 3, bytes(CHUNK, 3))).rejects.toThrow('Chunk length must be 11')
    await expect(put(store, 4, bytes(CHUNK, 3))).rejects.toThrow('out of range')
  })

  it('errors on a chunk that was never stored, and on a range outside the chunk', async () => {
    const { store } = newStore()
    await expect(get(store, 2)).rejects.toThrow('not stored')
    await put(store, 0, bytes(CHUNK, 4))
    await expect(get(store, 0, { offset: 10, length: 10 })).rejects.toThrow(RangeError)
  })

  it('serves a read immediately after put, before the batch is written', async () => {
    const { store } = newStore()
    const data = bytes(CHUNK, 5)
    const written = put(store, 1, data)
    expect(await get(store, 1)).toEqual(data)
    await written
  })

  it('keeps a copy: changing the caller buffer after put changes nothing', async () => {
    const { store } = newStore()
    const data = bytes(CHUNK, 6)
    const written = put(store, 0, data)
    data.fill(0)
    await written
    expect(await get(store, 0)).toEqual(bytes(CHUNK, 6))
  })

  it('calls back from close once the pieces waiting to be written are on disk (another tab opens them next)', async () => {
    const { store, infoHash } = newStore()
    // Not awaited: the put waits in the write queue when close comes.
    const written = put(store, 1, bytes(CHUNK, 9))
    await new Promise((resolve) => store.close(resolve))
    expect(await readStoredChunk(infoHash, 1)).toEqual(bytes(CHUNK, 9))
    await written
  })

  it('persists across store instances (a reload) and lists stored chunks from keys', async () => {
    const { store, infoHash } = newStore()
    await Promise.all([put(store, 0, bytes(CHUNK, 7)), put(store, 2, bytes(CHUNK, 8))])
    await new Promise((resolve) => store.close(resolve))
    const reopened = new IdbChunkStore(CHUNK, { torrent: { infoHash }, length: CHUNK * 4 - 5 })
    stores.push(reopened)
    expect(await get(reopened, 2)).toEqual(bytes(CHUNK, 8))
    expect([...(await storedChunkIndices(infoHash))].sort()).toEqual([0, 2])
  })

  it('keeps torrents apart and destroy deletes only its own chunks', async () => {
    const first = newStore()
    const second = newStore()
    await put(first.store, 0, bytes(CHUNK, 9))
    await put(second.store, 0, bytes(CHUNK, 10))
    await new Promise((resolve) => first.store.destroy(resolve))
    expect((await storedChunkIndices(first.infoHash)).size).toBe(0)
    expect(await get(second.store, 0)).toEqual(bytes(CHUNK, 10))
    await deleteTorrentChunks(second.infoHash)
    expect((await storedChunkIndices(second.infoHash)).size).toBe(0)
  })

  it('writes in the storage worker, and a delete handed over after writes comes after them', async () => {
    const { store, infoHash } = newStore()
    const writes = [put(store, 0, bytes(CHUNK, 11)), put(store, 1, bytes(CHUNK, 12))]
    // Destroy while both writes are still queued or in flight: nothing may be left behind.
    const destroyed = new Promise((resolve) => store.destroy(resolve))
    await Promise.allSettled(writes)
    await destroyed
    expect(chunkWriter.runsInWorker).toBe(true)
    expect((await storedChunkIndices(infoHash)).size).toBe(0)
  })

  it('reads a piece whose batch is being written from memory, then from IndexedDB', async () => {
    const { store, infoHash } = newStore()
    const written = put(store, 3, bytes(CHUNK - 5, 13))
    // Long enough for the batch to be handed to the worker, not for it to commit necessarily.
    await new Promise((resolve) => setTimeout(resolve, 6))
    expect(await get(store, 3)).toEqual(bytes(CHUNK - 5, 13))
    await written
    expect(await readStoredChunk(infoHash, 3)).toEqual(bytes(CHUNK - 5, 13))
  })

  it('reads the pieces committed last from memory (a stream is not queued behind writes), older ones from IndexedDB', async () => {
    const MiB = 1024 * 1024
    const count = RECENT_BYTES / MiB + 1
    const infoHash = `${Date.now().toString(16)}${(counter++).toString(16)}`.padEnd(40, '0')
    const store = new IdbChunkStore(MiB, { torrent: { infoHash }, length: MiB * count })
    stores.push(store)
    for (let index = 0; index < count; index++) await put(store, index, bytes(MiB, index))
    // Removed from IndexedDB behind the store's back: only a copy in memory can still answer.
    await deleteStoredChunk(infoHash, count - 1)
    await deleteStoredChunk(infoHash, 0)
    expect(await get(store, count - 1, { offset: 5, length: 3 })).toEqual(
      bytes(MiB, count - 1).subarray(5, 8),
    )
    // The oldest piece fell out of memory (the bound holds), so its read went to IndexedDB.
    await expect(get(store, 0)).rejects.toThrow(/not stored/)
  })

  it('answers the start-up check of a new torrent (every piece missing) from one key listing, not one read per piece', async () => {
    // Spies on Chromium's real IDBObjectStore.get to count the reads that reach IndexedDB.
    const { store, infoHash } = newStore(CHUNK * 64)
    const earlier = new IdbChunkStore(CHUNK, { torrent: { infoHash }, length: CHUNK * 64 })
    await put(earlier, 9, bytes(CHUNK, 9))
    await new Promise((resolve) => earlier.close(resolve))
    const realGet = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'get')
    const read = realGet?.value as (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) => IDBRequest
    let reads = 0
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
      reads++
      return read.call(this, query)
    }
    try {
      const misses = Array.from({ length: 64 }, (_, index) => index).filter((index) => index !== 9)
      const results = await Promise.allSettled(misses.map((index) => get(store, index)))
      expect(results.every((result) => result.status === 'rejected')).toBe(true)
      expect(reads).toBe(0)
      // What an earlier page stored is still read from IndexedDB.
      expect(await get(store, 9)).toEqual(bytes(CHUNK, 9))
      expect(reads).toBe(1)
    } finally {
      if (realGet) Object.defineProperty(IDBObjectStore.prototype, 'get', realGet)
    }
  })

  it('reads a piece it wrote after listing the stored keys, once it has left memory', async () => {
    const MiB = 1024 * 1024
    const count = RECENT_BYTES / MiB + 2
    const infoHash = `${Date.now().toString(16)}${(counter++).toString(16)}`.padEnd(40, '0')
    const store = new IdbChunkStore(MiB, { torrent: { infoHash }, length: MiB * count })
    stores.push(store)
    // The listing is made now, with nothing stored.
    await expect(get(store, 0)).rejects.toThrow(/not stored/)
    for (let index = 0; index < count; index++) await put(store, index, bytes(MiB, index))
    expect(await get(store, 0, { offset: 1, length: 2 })).toEqual(bytes(MiB, 0).subarray(1, 3))
  })

  it('writes a burst of puts and reads every chunk back', async () => {
    const length = CHUNK * 300
    const { store } = newStore(length)
    await Promise.all(Array.from({ length: 300 }, (_, index) => put(store, index, bytes(CHUNK, index))))
    for (const index of [0, 1, 150, 299]) expect(await get(store, index)).toEqual(bytes(CHUNK, index))
  })

  it('refuses work after close', async () => {
    const { store } = newStore()
    await new Promise((resolve) => store.close(resolve))
    await expect(put(store, 0, bytes(CHUNK, 11))).rejects.toThrow('closed')
    await expect(get(store, 0)).rejects.toThrow('closed')
  })
})
