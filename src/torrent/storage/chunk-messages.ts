/**
 * The messages between the page and the worker that writes piece data to IndexedDB
 * (chunk-writes.worker.ts), and the writing itself, which both sides can run.
 */
import { CHUNKS, openDatabase, transactionDone } from '../../db/database'

export interface StoredChunk {
  index: number
  data: Uint8Array
}

export type ChunkWriteRequest =
  | { id: number; kind: 'put'; infoHash: string; chunks: StoredChunk[] }
  | { id: number; kind: 'delete-torrent'; infoHash: string }
  | { id: number; kind: 'delete-all' }

/** `error` keeps the DOMException's name, so that a full disk still reads as QuotaExceededError. */
export interface ChunkWriteReply {
  id: number
  error: { name: string; message: string } | null
}

/** All chunks in one transaction: one commit for a whole batch. */
export async function putChunks(infoHash: string, chunks: readonly StoredChunk[]): Promise<void> {
  const db = await openDatabase()
  const transaction = db.transaction(CHUNKS, 'readwrite', { durability: 'relaxed' })
  const store = transaction.objectStore(CHUNKS)
  for (const chunk of chunks) store.put(chunk.data, [infoHash, chunk.index])
  await transactionDone(transaction)
}

/** Deletes one torrent's pieces, or every piece of every torrent when `infoHash` is null. */
async function deleteChunks(infoHash: string | null): Promise<void> {
  const db = await openDatabase()
  const transaction = db.transaction(CHUNKS, 'readwrite')
  const store = transaction.objectStore(CHUNKS)
  if (infoHash === null) store.clear()
  else store.delete(chunkKeysOf(infoHash))
  await transactionDone(transaction)
}

/** Every key of one torrent's pieces: [infoHash, 0] up to [infoHash, any index]. */
export function chunkKeysOf(infoHash: string): IDBKeyRange {
  return IDBKeyRange.bound([infoHash, 0], [infoHash, Number.MAX_SAFE_INTEGER])
}

export function performChunkWrite(request: ChunkWriteRequest): Promise<void> {
  if (request.kind === 'put') return putChunks(request.infoHash, request.chunks)
  return deleteChunks(request.kind === 'delete-torrent' ? request.infoHash : null)
}
