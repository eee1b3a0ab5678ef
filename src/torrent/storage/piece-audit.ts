/**
 * Checks the pieces kept in IndexedDB against the torrent's SHA-1 piece hashes, after a resume has
 * already started from them. Storage can be altered between sessions (a disk error, another tool,
 * a hand edit); a damaged piece is deleted before anyone can be served it, and reported so the
 * engine fetches it again. Runs one piece at a time so that downloading and playback keep priority.
 */
import { deleteStoredChunk, readStoredChunk, storedChunkIndices } from './idb-chunk-store'

export interface AuditResult {
  checked: number
  damaged: number[]
}

export async function auditStoredPieces(
  infoHash: string,
  pieceHashes: Uint8Array,
  onDamaged: (index: number) => void,
): Promise<AuditResult> {
  const indices = [...(await storedChunkIndices(infoHash))].sort((a, b) => a - b)
  const damaged: number[] = []
  for (const index of indices) {
    const data = await readStoredChunk(infoHash, index)
    if (!data) continue // deleted meanwhile (the user removed the torrent): nothing to check
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', data))
    if (!sameBytes(digest, pieceHashes.subarray(index * 20, index * 20 + 20))) {
      await deleteStoredChunk(infoHash, index)
      damaged.push(index)
      onDamaged(index)
    }
  }
  return { checked: indices.length, damaged }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}
