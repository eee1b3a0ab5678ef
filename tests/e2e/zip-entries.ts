/**
 * Reads the entries of a ZIP archive (stored, not compressed, as the app writes them) from its
 * central directory, so a test can hash each one. Zip64 is not needed at test sizes.
 */
export interface ZipEntry {
  name: string
  bytes: Uint8Array
}

const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50

export function zipEntries(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  let end = zip.length - 22
  while (end >= 0 && view.getUint32(end, true) !== END_OF_DIRECTORY) end--
  if (end < 0) throw new Error('not a ZIP archive: no end of central directory')
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  const entries: ZipEntry[] = []
  for (let index = 0; index < count; index++) {
    if (view.getUint32(at, true) !== DIRECTORY_ENTRY) throw new Error(`bad central directory entry ${index}`)
    const method = view.getUint16(at + 10, true)
    const size = view.getUint32(at + 20, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const local = view.getUint32(at + 42, true)
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength))
    if (method !== 0) throw new Error(`${name} is compressed (method ${method})`)
    if (view.getUint32(local, true) !== LOCAL_HEADER) throw new Error(`bad local header for ${name}`)
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    entries.push({ name, bytes: zip.subarray(data, data + size) })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}
