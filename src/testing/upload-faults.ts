/**
 * Test builds only: how a hostile or broken peer sends blocks (read when a connection opens).
 * - `localStorage['fault:corrupt-uploads'] = '1'`: every block this page uploads has its first byte
 *   flipped.
 * - `localStorage['fault:never-upload'] = '1'`: the page requests pieces but never sends a block, as a
 *   freeloader would.
 */
import type { SendBlock } from '../torrent/webtorrent/paced-uploads'

export function uploadFaults(send: SendBlock): SendBlock {
  if (localStorage.getItem('fault:never-upload') === '1') return () => undefined
  if (localStorage.getItem('fault:corrupt-uploads') !== '1') return send
  return (index, offset, block) => {
    const corrupt = block.slice()
    corrupt[0] = (corrupt[0] ?? 0) ^ 0xff
    send(index, offset, corrupt)
  }
}
