/**
 * Block headers as java-tron builds them: the id is the block number (8 bytes, big-endian) followed by
 * the last 24 bytes of sha256(BlockHeader.raw), which is what TronWeb's TaPoS fields and the TronLink
 * adapter's chain id are read from.
 */
import { bytesToHex, concatBytes, sha256, uint64BigEndian } from './bytes.ts'
import { ProtoWriter } from './protobuf.ts'

export interface BlockHeaderRaw {
  readonly timestamp: number
  readonly txTrieRoot: Uint8Array
  readonly parentHash: Uint8Array
  readonly number: number
  readonly witnessAddress: Uint8Array
  readonly version: number
  /** Unused by java-tron today; the devnet's genesis carries its nonce here (see genesis.ts). */
  readonly accountStateRoot?: Uint8Array
}

/** BlockHeader.raw: timestamp 1, txTrieRoot 2, parentHash 3, number 7, witness_address 9, version 10, accountStateRoot 11. */
export function encodeHeaderRaw(header: BlockHeaderRaw): Uint8Array {
  return new ProtoWriter()
    .varint(1, header.timestamp)
    .bytes(2, header.txTrieRoot)
    .bytes(3, header.parentHash)
    .varint(7, header.number)
    .bytes(9, header.witnessAddress)
    .varint(10, header.version)
    .bytes(11, header.accountStateRoot ?? new Uint8Array(0))
    .finish()
}

export function blockIdOf(header: BlockHeaderRaw): string {
  const hash = sha256(encodeHeaderRaw(header))
  return bytesToHex(concatBytes(uint64BigEndian(header.number), hash.subarray(8)))
}

/** A Merkle root over transaction hashes (pairs hashed together, an odd one carried up); zeros when empty. */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return new Uint8Array(32)
  let level = [...leaves]
  while (level.length > 1) {
    const next: Uint8Array[] = []
    for (let index = 0; index < level.length; index += 2) {
      const left = level[index]
      const right = level[index + 1]
      if (left === undefined) break
      next.push(right === undefined ? left : sha256(concatBytes(left, right)))
    }
    level = next
  }
  return level[0] ?? new Uint8Array(32)
}
