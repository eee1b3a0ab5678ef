/**
 * A torrent as one ZIP, made while it is read: client-zip stores each file (no compression: media
 * does not shrink, and stored entries let the length be known before the first byte), one file at a
 * time, each opened only when the archive reaches it. Loaded on first use, it stays out of the
 * first page's script.
 */
import type { SaveSource } from './save-downloads'

export interface ZipEntry {
  /** Path inside the archive, folders separated by `/`. */
  path: string
  length: number
  open(): ReadableStream<Uint8Array>
}

export async function zipSource(name: string, entries: readonly ZipEntry[]): Promise<SaveSource> {
  const { makeZip, predictLength } = await import('client-zip')
  const lastModified = new Date()
  const length = predictLength(entries.map((entry) => ({ name: entry.path, size: entry.length })))
  return {
    name: `${name}.zip`,
    length: Number(length),
    open: () =>
      makeZip(
        (function* inputs() {
          for (const entry of entries)
            yield { name: entry.path, size: entry.length, lastModified, input: entry.open() }
        })(),
      ),
  }
}
