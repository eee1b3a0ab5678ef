/** BitTorrent bitfields: bit i (most significant bit first) says whether piece i is verified. */

export function bitfieldFromIndices(indices: Iterable<number>, pieceCount: number): Uint8Array {
  const bitfield = new Uint8Array(Math.ceil(pieceCount / 8))
  for (const index of indices) {
    if (Number.isInteger(index) && index >= 0 && index < pieceCount)
      bitfield[index >> 3]! |= 0x80 >> (index % 8)
  }
  return bitfield
}

export function countPieces(bitfield: Uint8Array, pieceCount: number): number {
  let count = 0
  for (let index = 0; index < pieceCount; index++) {
    if ((bitfield[index >> 3] ?? 0) & (0x80 >> (index % 8))) count++
  }
  return count
}
