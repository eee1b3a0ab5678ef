/**
 * The protobuf wire format, just enough of it for TRON transactions and block headers: varints and
 * length-delimited fields. java-tron hashes and signs protobuf bytes, so the devnet reads the signed
 * bytes itself instead of trusting the JSON next to them.
 */

export class ProtoError extends Error {}

export type ProtoField =
  | { readonly field: number; readonly wire: 'varint'; readonly value: bigint }
  | { readonly field: number; readonly wire: 'bytes'; readonly value: Uint8Array }
  | { readonly field: number; readonly wire: 'fixed'; readonly value: Uint8Array }

/** Splits one message into its fields, in wire order. Throws ProtoError on anything malformed. */
export function readFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = []
  let offset = 0
  const varint = (): bigint => {
    let result = 0n
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = bytes[offset++]
      if (byte === undefined) throw new ProtoError('truncated varint')
      result |= BigInt(byte & 0x7f) << shift
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result)
    }
    throw new ProtoError('varint longer than 10 bytes')
  }
  const take = (length: number): Uint8Array => {
    if (offset + length > bytes.length) throw new ProtoError('truncated field')
    const slice = bytes.subarray(offset, offset + length)
    offset += length
    return slice
  }
  while (offset < bytes.length) {
    const key = varint()
    const field = Number(key >> 3n)
    if (field === 0) throw new ProtoError('field number 0')
    switch (Number(key & 7n)) {
      case 0:
        fields.push({ field, wire: 'varint', value: varint() })
        break
      case 1:
        fields.push({ field, wire: 'fixed', value: take(8) })
        break
      case 2: {
        const length = varint()
        if (length > BigInt(bytes.length)) throw new ProtoError('length beyond the message')
        fields.push({ field, wire: 'bytes', value: take(Number(length)) })
        break
      }
      case 5:
        fields.push({ field, wire: 'fixed', value: take(4) })
        break
      default:
        throw new ProtoError(`unsupported wire type in key ${key}`)
    }
  }
  return fields
}

/** The last occurrence of a varint field (protobuf's "last one wins"), as a signed int64. */
export function int64Field(fields: readonly ProtoField[], field: number): bigint {
  let value = 0n
  for (const candidate of fields) {
    if (candidate.field !== field) continue
    if (candidate.wire !== 'varint') throw new ProtoError(`field ${field} is not a varint`)
    value = BigInt.asIntN(64, candidate.value)
  }
  return value
}

/** The last occurrence of a length-delimited field, or empty bytes. */
export function bytesField(fields: readonly ProtoField[], field: number): Uint8Array {
  let value: Uint8Array = new Uint8Array(0)
  for (const candidate of fields) {
    if (candidate.field !== field) continue
    if (candidate.wire !== 'bytes') throw new ProtoError(`field ${field} is not length-delimited`)
    value = candidate.value
  }
  return value
}

/** Every occurrence of a repeated length-delimited field. */
export function repeatedBytesField(fields: readonly ProtoField[], field: number): Uint8Array[] {
  return fields.flatMap((candidate) => {
    if (candidate.field !== field) return []
    if (candidate.wire !== 'bytes') throw new ProtoError(`field ${field} is not length-delimited`)
    return [candidate.value]
  })
}

export function varintSize(value: number | bigint): number {
  let rest = BigInt.asUintN(64, BigInt(value))
  let size = 1
  while (rest >= 0x80n) {
    rest >>= 7n
    size++
  }
  return size
}

/**
 * Serialises fields in the order they are written, which callers keep in field-number order as
 * protoc does. Zero numbers and empty bytes are skipped, like proto3 defaults.
 */
export class ProtoWriter {
  private readonly out: number[] = []

  varint(field: number, value: number | bigint): this {
    if (BigInt(value) === 0n) return this
    this.key(field, 0)
    this.rawVarint(BigInt.asUintN(64, BigInt(value)))
    return this
  }

  bytes(field: number, value: Uint8Array): this {
    if (value.length === 0) return this
    this.key(field, 2)
    this.rawVarint(BigInt(value.length))
    for (const byte of value) this.out.push(byte)
    return this
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.out)
  }

  private key(field: number, wire: number): void {
    this.rawVarint(BigInt((field << 3) | wire))
  }

  private rawVarint(value: bigint): void {
    let rest = value
    while (rest >= 0x80n) {
      this.out.push(Number(rest & 0x7fn) | 0x80)
      rest >>= 7n
    }
    this.out.push(Number(rest))
  }
}
