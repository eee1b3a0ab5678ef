/**
 * Test builds only: how a hostile or broken peer sends blocks (read when a connection opens).
 * - `localStorage['fault:corrupt-uploads'] = '1'`: every block this page uploads has its first byte
 *   flipped.
 * - `localStorage['fault:never-upload'] = '1'`: the page requests pieces but never sends a block, as a
 *   freeloader would.
 * - `localStorage['fault:junk-pieces'] = N`: the page never answers a request, and instead writes
 *   well-framed `piece` messages of junk nobody asked for, for random pieces below N: a whole 16 KiB
 *   block at offset 0 (where the real block sits), a block at a misplaced offset, and an oversized
 *   block. A round a second while the connection lasts (60 at most).
 */
import type { SendBlock } from '../torrent/webtorrent/paced-uploads'

const BLOCK = 16_384
const JUNK_ROUNDS = 60
const PIECES_PER_ROUND = 8

export function uploadFaults(send: SendBlock): SendBlock {
  const junkPieces = Number(localStorage.getItem('fault:junk-pieces') ?? 0)
  if (junkPieces > 0) {
    writeJunk(send, junkPieces)
    return () => undefined
  }
  if (localStorage.getItem('fault:never-upload') === '1') return () => undefined
  if (localStorage.getItem('fault:corrupt-uploads') !== '1') return send
  return (index, offset, block) => {
    const corrupt = block.slice()
    corrupt[0] = (corrupt[0] ?? 0) ^ 0xff
    send(index, offset, corrupt)
  }
}

function writeJunk(send: SendBlock, pieces: number): void {
  const block = crypto.getRandomValues(new Uint8Array(BLOCK))
  const oversized = crypto.getRandomValues(new Uint8Array(4 * BLOCK))
  let round = 0
  const timer = setInterval(() => {
    if (round++ >= JUNK_ROUNDS) return clearInterval(timer)
    try {
      for (let i = 0; i < PIECES_PER_ROUND; i++) {
        const piece = Math.floor(Math.random() * pieces)
        send(piece, 0, block)
        send(piece, 1 + Math.floor(Math.random() * 1_000), block)
        send(piece, BLOCK, oversized)
      }
    } catch {
      // The connection is closed (the victim dropped it): nothing more to write on it.
      clearInterval(timer)
    }
  }, 1_000)
}
