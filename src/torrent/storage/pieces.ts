/** BitTorrent bitfields: bit i (most significant bit first) says whether piece i is verified. */

export function bitfieldFromIndices(indices: Iterable<number>, pieceCount: number): Uint8Array {
  const bitfield = new Uint8Array(Math.ceil(pieceCount / 8))
  for (const index of indices) {
    if (Number.isInteger(index) && index >= 0 && index < pieceCount)
      bitfield[index >> 3]! |= 0x80 >> (index % 8)
  }
  return bitfield
}
