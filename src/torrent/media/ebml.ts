/**
 * EBML, the binary format of Matroska and WebM, at the level of single elements: variable-length
 * integers, element headers and the few value types subtitles need. Everything here reads from a
 * byte array it is given and never trusts a size it reads: callers bound what they load.
 */

/** An element's id (with its length marker, as the specification writes ids) and data size. */
export interface ElementHeader {
  id: number
  /** null when the element says its size is unknown (a live stream, an unfinished file). */
  size: number | null
  /** Bytes taken by the id and the size, before the data starts. */
  headerLength: number
}

/** Why an element could not be read: the bytes are not there yet, or they are not EBML. */
export type HeaderProblem = 'need-more' | 'invalid'

/**
 * The element header at `offset`. Ids are at most 4 bytes and sizes at most 8 (EBMLMaxIDLength and
 * EBMLMaxSizeLength of Matroska); a size beyond 2^53 cannot be a real file and counts as invalid.
 */
export function readElementHeader(bytes: Uint8Array, offset: number): ElementHeader | HeaderProblem {
  const id = readVint(bytes, offset, 4)
  if (typeof id === 'string') return id
  const size = readVint(bytes, offset + id.length, 8)
  if (typeof size === 'string') return size
  const idValue = readUnsigned(bytes, offset, id.length)
  return { id: idValue, size: size.unknown ? null : size.value, headerLength: id.length + size.length }
}

/** A variable-length integer: its value without the length marker, and whether all its bits were ones. */
export interface Vint {
  value: number
  length: number
  unknown: boolean
}

export function readVint(bytes: Uint8Array, offset: number, maxLength: number): Vint | HeaderProblem {
  if (offset >= bytes.length) return 'need-more'
  const first = bytes[offset] ?? 0
  if (first === 0) return 'invalid'
  const length = Math.clz32(first) - 23
  if (length > maxLength) return 'invalid'
  if (offset + length > bytes.length) return 'need-more'
  let value = first & (0xff >> length)
  let allOnes = value === 0xff >> length
  for (let i = 1; i < length; i += 1) {
    const byte = bytes[offset + i] ?? 0
    if (byte !== 0xff) allOnes = false
    value = value * 256 + byte
  }
  if (allOnes) return { value: 0, length, unknown: true }
  if (!Number.isSafeInteger(value)) return 'invalid'
  return { value, length, unknown: false }
}

/** A big-endian unsigned integer of up to 7 bytes (longer ones are not safe integers). */
export function readUnsigned(bytes: Uint8Array, offset: number, length: number): number {
  let value = 0
  for (let i = 0; i < Math.min(length, 7); i += 1) value = value * 256 + (bytes[offset + i] ?? 0)
  return value
}

export function readSigned16(bytes: Uint8Array, offset: number): number {
  const value = ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0)
  return value >= 0x8000 ? value - 0x10000 : value
}

const decoder = new TextDecoder('utf-8')

/** UTF-8 text; Matroska pads strings with zero bytes, which are not text. */
export function readText(bytes: Uint8Array): string {
  const end = bytes.indexOf(0)
  return decoder.decode(end < 0 ? bytes : bytes.subarray(0, end))
}
