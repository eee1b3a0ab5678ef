/**
 * saveToFolder with an in-memory folder (a fake of the File System Access directory handle) and
 * file streams made from byte arrays; a failing write is injected by a writable that throws.
 */
import { describe, expect, it } from 'vitest'
import { pathSegments, saveToFolder, type SaveFolder } from './save-to-folder'

class MemoryFolder implements SaveFolder {
  readonly folders = new Map<string, MemoryFolder>()
  readonly files = new Map<string, Uint8Array>()
  lookups = 0
  constructor(
    readonly name: string,
    private readonly failWrites = false,
  ) {}
  getDirectoryHandle(name: string): Promise<MemoryFolder> {
    this.lookups++
    let folder = this.folders.get(name)
    if (!folder) this.folders.set(name, (folder = new MemoryFolder(name, this.failWrites)))
    return Promise.resolve(folder)
  }
  getFileHandle(name: string) {
    const chunks: Uint8Array[] = []
    const fail = this.failWrites
    return Promise.resolve({
      createWritable: () =>
        Promise.resolve(
          new WritableStream<Uint8Array>({
            write: (chunk) => {
              if (fail) throw new DOMException('The disk is full.', 'QuotaExceededError')
              chunks.push(chunk)
            },
            close: () => {
              this.files.set(name, concat(chunks))
            },
          }),
        ),
    })
  }
  /** Every file below this folder, by path. */
  tree(prefix = ''): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [name, bytes] of this.files) out[`${prefix}${name}`] = new TextDecoder().decode(bytes)
    for (const [name, folder] of this.folders) Object.assign(out, folder.tree(`${prefix}${name}/`))
    return out
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  return new ReadableStream({
    start(controller) {
      // Two chunks, so the writer must append rather than overwrite.
      controller.enqueue(bytes.subarray(0, 2))
      controller.enqueue(bytes.subarray(2))
      controller.close()
    },
  })
}

const CONTENT = ['first file', 'second file', 'deep file']
const open = (index: number) => Promise.resolve(streamOf(CONTENT[index] ?? ''))

describe('saveToFolder', () => {
  it('keeps the torrent folder structure, creating each folder once', async () => {
    const picked = new MemoryFolder('picked')
    const written = await saveToFolder(
      picked,
      [
        { path: 'Album/a.txt', index: 0 },
        { path: 'Album/b.txt', index: 1 },
        { path: 'Album\\Disc 2\\c.txt', index: 2 },
      ],
      open,
    )
    expect(written).toBe(3)
    expect(picked.tree()).toEqual({
      'Album/a.txt': 'first file',
      'Album/b.txt': 'second file',
      'Album/Disc 2/c.txt': 'deep file',
    })
    expect(picked.lookups).toBe(1)
  })

  it('never leaves the picked folder, whatever the torrent names its paths', async () => {
    const picked = new MemoryFolder('picked')
    await saveToFolder(picked, [{ path: '../../etc/./x', index: 0 }], open)
    expect(picked.tree()).toEqual({ '_/_/etc/x': 'first file' })
    expect(pathSegments('')).toEqual(['_'])
  })

  it('reports a failed write (a full disk) to the caller', async () => {
    const picked = new MemoryFolder('picked', true)
    await expect(saveToFolder(picked, [{ path: 'T/a.txt', index: 0 }], open)).rejects.toThrow(
      'The disk is full.',
    )
    expect(picked.tree()).toEqual({})
  })
})
