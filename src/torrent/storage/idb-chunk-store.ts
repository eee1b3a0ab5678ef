/**
 * An abstract-chunk-store (the interface WebTorrent stores implement) backed by IndexedDB, so that
 * verified pieces survive a reload. Writes arriving close together share one transaction, because a
 * transaction per piece is what made earlier IndexedDB stores several times slower than memory.
 * Reads of a piece still waiting for its batch, or for its batch to commit, are answered from memory,
 * and so are reads of the pieces committed last: a stream reads each piece just after it is stored,
 * and while a download runs, a read from IndexedDB waits behind every write transaction queued before
 * it (the player then gets nothing until the download ends).
 * The writes themselves run in a worker (chunk-writer.ts), off the main thread.
 */
import { CHUNKS, openDatabase, requestResult, transactionDone } from '../../db/database'
import { errorText } from '../../shared/errors'
import { chunkKeysOf } from './chunk-messages'
import { chunkWriter } from './chunk-writer'

type Callback<T = void> = (error: Error | null, value?: T) => void

export interface ChunkStoreOptions {
  torrent?: { infoHash: string }
  /** Total bytes of the torrent; the last chunk may be shorter than chunkLength. */
  length?: number
}

/** Flush when this many bytes are waiting, even if more puts keep arriving. */
const MAX_BATCH_BYTES = 4 * 1024 * 1024
/** How long a batch waits for more puts; long enough to gather a burst, short enough to be invisible. */
const BATCH_DELAY_MS = 5
/** Bytes of the pieces committed last kept in memory for reads (a few seconds of a fast download). */
export const RECENT_BYTES = 16 * 1024 * 1024

interface PendingPut {
  index: number
  data: Uint8Array
  callback: Callback
}

export class IdbChunkStore {
  readonly chunkLength: number
  readonly #infoHash: string
  readonly #length: number
  readonly #lastChunkLength: number
  readonly #lastIndex: number
  #pending = new Map<number, PendingPut[]>()
  #pendingBytes = 0
  /** Pieces handed to the writer and not yet committed, so that reads still find them. */
  readonly #writing = new Map<number, Uint8Array>()
  /** Pieces committed last, oldest first (a Map keeps insertion order), up to RECENT_BYTES. */
  readonly #recent = new Map<number, Uint8Array>()
  #recentBytes = 0
  #flushTimer: ReturnType<typeof setTimeout> | null = null
  #closed = false
  /**
   * The pieces IndexedDB held when the first read missed memory, listed from keys in one request.
   * WebTorrent checks every piece of a new torrent with a read before it is ready (and the player
   * can start); one IndexedDB read per piece made that take seconds. A piece outside this list and
   * not committed since is answered "not stored" at once.
   */
  #listed: Promise<Set<number>> | null = null
  /** Pieces this store committed, so that a piece written after the listing is still read. */
  readonly #committed = new Set<number>()
  /** Writes handed to the writer and not yet committed. */
  readonly #inFlight = new Set<Promise<void>>()

  constructor(chunkLength: number, options: ChunkStoreOptions = {}) {
    if (!Number.isInteger(chunkLength) || chunkLength <= 0)
      throw new Error('chunkLength must be a positive integer')
    if (!options.torrent?.infoHash) throw new Error('IdbChunkStore needs the torrent info hash')
    this.chunkLength = chunkLength
    this.#infoHash = options.torrent.infoHash
    this.#length = options.length ?? Number.POSITIVE_INFINITY
    const remainder = this.#length % chunkLength
    this.#lastChunkLength = Number.isFinite(this.#length) && remainder !== 0 ? remainder : chunkLength
    this.#lastIndex = Number.isFinite(this.#length)
      ? Math.ceil(this.#length / chunkLength) - 1
      : Number.MAX_SAFE_INTEGER
  }

  put(index: number, data: Uint8Array, callback: Callback = () => {}): void {
    if (this.#closed) return queueCallback(callback, new Error('Storage is closed'))
    const expected = index === this.#lastIndex ? this.#lastChunkLength : this.chunkLength
    if (!Number.isInteger(index) || index < 0 || index > this.#lastIndex) {
      return queueCallback(callback, new Error(`Chunk index ${index} is out of range`))
    }
    if (data.length !== expected) {
      return queueCallback(callback, new Error(`Chunk length must be ${expected}, got ${data.length}`))
    }
    // Copy: the caller may reuse or transfer its buffer after put returns.
    const entry: PendingPut = { index, data: data.slice(), callback }
    const queue = this.#pending.get(index)
    if (queue) queue.push(entry)
    else this.#pending.set(index, [entry])
    this.#pendingBytes += data.length
    if (this.#pendingBytes >= MAX_BATCH_BYTES) this.#flushNow()
    else this.#flushTimer ??= setTimeout(() => this.#flushNow(), BATCH_DELAY_MS)
  }

  get(
    index: number,
    options: { offset?: number; length?: number } | null | Callback<Uint8Array>,
    callback?: Callback<Uint8Array>,
  ): void {
    const done = typeof options === 'function' ? options : callback
    const range = typeof options === 'function' || options === null ? {} : options
    if (!done) throw new Error('get needs a callback')
    this.#readRange(index, range).then(
      (data) => done(null, data),
      (error: unknown) => done(asError(error)),
    )
  }

  /** Calls back once every piece put before is written: the next engine (maybe in another tab) reads them. */
  close(callback: Callback = () => {}): void {
    this.#flushNow()
    this.#closed = true
    this.#recent.clear()
    this.#recentBytes = 0
    void Promise.allSettled(this.#inFlight).then(() => callback(null))
  }

  /** Deletes every chunk of this torrent. */
  destroy(callback: Callback = () => {}): void {
    this.#closed = true
    this.#recent.clear()
    this.#recentBytes = 0
    this.#failPending(new Error('Storage was destroyed'))
    deleteTorrentChunks(this.#infoHash).then(
      () => callback(null),
      (error: unknown) => callback(asError(error)),
    )
  }

  async #readRange(index: number, range: { offset?: number; length?: number }): Promise<Uint8Array> {
    if (this.#closed) throw new Error('Storage is closed')
    const waiting =
      this.#pending.get(index)?.at(-1)?.data ?? this.#writing.get(index) ?? this.#recent.get(index)
    return slice(waiting ?? (await this.#read(index)), range)
  }

  async #read(index: number): Promise<Uint8Array> {
    this.#listed ??= storedChunkIndices(this.#infoHash)
    const listed = await this.#listed
    if (!listed.has(index) && !this.#committed.has(index)) throw new Error(`Chunk ${index} is not stored`)
    const value = await readStoredChunk(this.#infoHash, index)
    if (!value) throw new Error(`Chunk ${index} is not stored`)
    return value
  }

  /** Keeps a committed piece for reads, forgetting the oldest beyond RECENT_BYTES. */
  #remember(index: number, data: Uint8Array): void {
    this.#forget(index)
    this.#recent.set(index, data)
    this.#recentBytes += data.length
    for (const [oldest] of this.#recent) {
      if (this.#recentBytes <= RECENT_BYTES) break
      this.#forget(oldest)
    }
  }

  #forget(index: number): void {
    const data = this.#recent.get(index)
    if (!data) return
    this.#recent.delete(index)
    this.#recentBytes -= data.length
  }

  /** Empties the write queue and cancels its timer, handing back what was waiting. */
  #takePending(): PendingPut[] {
    if (this.#flushTimer !== null) clearTimeout(this.#flushTimer)
    this.#flushTimer = null
    const batch = [...this.#pending.values()].flat()
    this.#pending = new Map()
    this.#pendingBytes = 0
    return batch
  }

  #flushNow(): void {
    const batch = this.#takePending()
    if (batch.length === 0) return
    for (const entry of batch) this.#writing.set(entry.index, entry.data)
    const written = () => {
      for (const entry of batch) {
        if (this.#writing.get(entry.index) === entry.data) this.#writing.delete(entry.index)
      }
    }
    const write = this.#write(batch).then(
      () => {
        written()
        for (const entry of batch) this.#committed.add(entry.index)
        if (!this.#closed) for (const entry of batch) this.#remember(entry.index, entry.data)
        batch.forEach((entry) => entry.callback(null))
      },
      (error: unknown) => {
        written()
        batch.forEach((entry) => entry.callback(asError(error)))
      },
    )
    this.#inFlight.add(write)
    void write.finally(() => this.#inFlight.delete(write))
  }

  async #write(batch: PendingPut[]): Promise<void> {
    await chunkWriter.put(
      this.#infoHash,
      batch.map(({ index, data }) => ({ index, data })),
    )
  }

  #failPending(error: Error): void {
    for (const entry of this.#takePending()) queueCallback(entry.callback, error)
  }
}

/** Removes all stored chunks of one torrent (used by "Delete torrent and data"). */
export function deleteTorrentChunks(infoHash: string): Promise<void> {
  // Through the writer, so that it comes after every write of this torrent already handed to it.
  return chunkWriter.deleteTorrent(infoHash)
}

/** Indices of the chunks stored for a torrent, read from keys only (no piece data is loaded). */
export async function storedChunkIndices(infoHash: string): Promise<Set<number>> {
  const db = await openDatabase()
  const transaction = db.transaction(CHUNKS, 'readonly')
  const keys = await requestResult(transaction.objectStore(CHUNKS).getAllKeys(chunkKeysOf(infoHash)))
  return new Set(keys.map((key) => (Array.isArray(key) ? Number(key[1]) : -1)).filter((index) => index >= 0))
}

function slice(data: Uint8Array, range: { offset?: number; length?: number }): Uint8Array {
  const offset = range.offset ?? 0
  const length = range.length ?? data.length - offset
  if (offset < 0 || length < 0 || offset + length > data.length) {
    throw new RangeError(`Range ${offset}+${length} is outside the chunk of ${data.length} bytes`)
  }
  return offset === 0 && length === data.length ? data : data.subarray(offset, offset + length)
}

function queueCallback<T>(callback: Callback<T>, error: Error | null, value?: T): void {
  queueMicrotask(() => callback(error, value))
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(errorText(error))
}

/** One stored piece read directly (not through a store instance), or null when it is missing. */
export async function readStoredChunk(
  infoHash: string,
  index: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const db = await openDatabase()
  const value: unknown = await requestResult(
    db.transaction(CHUNKS).objectStore(CHUNKS).get([infoHash, index]),
  )
  // Values are written by this module as copies with their own ArrayBuffer.
  return value instanceof Uint8Array ? (value as Uint8Array<ArrayBuffer>) : null
}

export async function deleteStoredChunk(infoHash: string, index: number): Promise<void> {
  const db = await openDatabase()
  const transaction = db.transaction(CHUNKS, 'readwrite')
  transaction.objectStore(CHUNKS).delete([infoHash, index])
  await transactionDone(transaction)
}

/** Removes the stored pieces of every torrent ("Delete all torrents and data" in settings). */
export function deleteAllChunks(): Promise<void> {
  // Through the writer too, so that no write already handed to it lands after the clear.
  return chunkWriter.deleteAll()
}
