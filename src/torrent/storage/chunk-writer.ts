/**
 * The page's side of the chunk-writing worker: hands it writes and deletes in order and resolves each
 * when the worker reports it committed. Where no worker can be started the writes run here instead,
 * with the same result, only on the main thread.
 */
import {
  performChunkWrite,
  type ChunkWriteReply,
  type ChunkWriteRequest,
  type StoredChunk,
} from './chunk-messages'

/** A request as the worker gets it, before it is numbered. */
type Work = ChunkWriteRequest extends infer Request
  ? Request extends { id: number }
    ? Omit<Request, 'id'>
    : never
  : never

class ChunkWriter {
  #worker: Worker | null | undefined
  #nextId = 1
  readonly #waiting = new Map<
    number,
    { request: ChunkWriteRequest; resolve: () => void; reject: (error: unknown) => void }
  >()

  /**
   * Whether writes run in the worker (false before the first write, or after the worker failed).
   * Only the storage test reads it: without it, a worker that never starts would go unnoticed, since
   * the writes then run here with the same result.
   */
  get runsInWorker(): boolean {
    return Boolean(this.#worker)
  }

  put(infoHash: string, chunks: StoredChunk[]): Promise<void> {
    return this.#send({ kind: 'put', infoHash, chunks })
  }

  deleteTorrent(infoHash: string): Promise<void> {
    return this.#send({ kind: 'delete-torrent', infoHash })
  }

  deleteAll(): Promise<void> {
    return this.#send({ kind: 'delete-all' })
  }

  #send(work: Work): Promise<void> {
    const request: ChunkWriteRequest = { id: this.#nextId++, ...work }
    const worker = this.#startedWorker()
    if (!worker) return performChunkWrite(request)
    return new Promise((resolve, reject) => {
      this.#waiting.set(request.id, { request, resolve, reject })
      // Cloned, not transferred: the store keeps serving these bytes until the write is confirmed.
      worker.postMessage(request)
    })
  }

  #startedWorker(): Worker | null {
    if (this.#worker !== undefined) return this.#worker
    try {
      const worker = new Worker(new URL('./chunk-writer.worker.ts', import.meta.url), { type: 'module' })
      worker.onmessage = ({ data }: MessageEvent<ChunkWriteReply>) => this.#settle(data)
      worker.onerror = () => this.#writeHereFromNowOn()
      this.#worker = worker
    } catch {
      this.#worker = null
    }
    return this.#worker
  }

  #settle({ id, error }: ChunkWriteReply): void {
    const waiting = this.#waiting.get(id)
    this.#waiting.delete(id)
    if (!error) waiting?.resolve()
    else waiting?.reject(new DOMException(error.message, error.name))
  }

  /** A worker that failed (it could not load, say) loses nothing: its pending work is redone here. */
  #writeHereFromNowOn(): void {
    this.#worker?.terminate()
    this.#worker = null
    const waiting = [...this.#waiting.values()].sort((a, b) => a.request.id - b.request.id)
    this.#waiting.clear()
    for (const { request, resolve, reject } of waiting) performChunkWrite(request).then(resolve, reject)
  }
}

export const chunkWriter = new ChunkWriter()
