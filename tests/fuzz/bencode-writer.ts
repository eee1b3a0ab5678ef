/**
 * A bencode encoder for building valid inputs, written apart from the decoder under test. Keys are
 * written in the order given (JavaScript orders integer-like keys first; so does a re-encoding).
 */
import type { BencodeValue } from '../../src/torrent/input/bencode'

export type Encodable = number | bigint | string | Uint8Array | Encodable[] | { [key: string]: Encodable }

const utf8 = new TextEncoder()

/** Dictionary keys are bytes; the decoder reads them as Latin-1, so they are written back as such. */
const latin1 = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff)

class Writer {
  readonly #parts: Uint8Array[] = []
  #length = 0

  text(text: string): this {
    return this.bytes(utf8.encode(text))
  }

  bytes(bytes: Uint8Array): this {
    this.#parts.push(bytes)
    this.#length += bytes.length
    return this
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.#length)
    let offset = 0
    for (const part of this.#parts) {
      out.set(part, offset)
      offset += part.length
    }
    return out
  }
}

function write(writer: Writer, value: Encodable): void {
  if (typeof value === 'number' || typeof value === 'bigint') {
    writer.text(`i${value}e`)
  } else if (typeof value === 'string') {
    const bytes = utf8.encode(value)
    writer.text(`${bytes.length}:`).bytes(bytes)
  } else if (value instanceof Uint8Array) {
    writer.text(`${value.length}:`).bytes(value)
  } else if (Array.isArray(value)) {
    writer.text('l')
    for (const item of value) write(writer, item)
    writer.text('e')
  } else {
    writer.text('d')
    for (const [key, item] of Object.entries(value)) {
      const keyBytes = latin1(key)
      writer.text(`${keyBytes.length}:`).bytes(keyBytes)
      write(writer, item)
    }
    writer.text('e')
  }
}

export function bencode(value: Encodable | BencodeValue): Uint8Array {
  const writer = new Writer()
  write(writer, value)
  return writer.finish()
}
