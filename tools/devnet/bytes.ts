/** Byte helpers shared by the devnet's modules: hex, sha256, comparison. */
import { createHash } from 'node:crypto'

/** An even-length hex string without prefix (what java-tron's JSON uses for bytes). */
export function isHex(value: unknown): value is string {
  return typeof value === 'string' && value.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(value)
}

export function hexToBytes(hex: string): Uint8Array {
  if (!isHex(hex)) throw new Error(`not an even-length hex string: ${String(hex).slice(0, 20)}`)
  return new Uint8Array(Buffer.from(hex, 'hex'))
}

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

export function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest())
}

export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index])
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** An unsigned integer as fixed-width big-endian bytes (block numbers in block ids). */
export function uint64BigEndian(value: number | bigint): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, BigInt(value))
  return out
}
