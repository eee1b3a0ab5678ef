/**
 * "Save all" into a folder the user picked: each file of the torrent is written under its path in
 * the torrent (its top folder included), one file at a time, piped from the engine's file stream so
 * that no file is ever held in memory. A failed write aborts that file (the browser discards what it
 * had written of it) and the error reaches the caller; the torrent's own data is untouched.
 */

/** Port: the part of the File System Access API's directory handle that saving uses. */
export interface SaveFolder {
  readonly name: string
  getDirectoryHandle(name: string, options: { create: true }): Promise<SaveFolder>
  getFileHandle(
    name: string,
    options: { create: true },
  ): Promise<{ createWritable(): Promise<WritableStream<Uint8Array>> }>
}

export interface FolderEntry {
  /** Path in the torrent, folders separated by `/` (or `\`, as some torrents write them). */
  path: string
  index: number
}

/**
 * The folder names and file name a path is written under. A name the file system would refuse or
 * read as a step up (`..`, `.`, empty) cannot come from a torrent to escape the picked folder.
 */
export function pathSegments(path: string): string[] {
  const segments = path
    .split(/[/\\]/)
    .filter((segment) => segment !== '' && segment !== '.')
    .map((segment) => (segment === '..' ? '_' : segment))
  return segments.length > 0 ? segments : ['_']
}

/** Writes every entry; resolves with how many files were written. */
export async function saveToFolder(
  folder: SaveFolder,
  entries: readonly FolderEntry[],
  open: (index: number) => Promise<ReadableStream<Uint8Array>>,
): Promise<number> {
  // Each folder is looked up once, however many files it holds.
  const folders = new Map<string, Promise<SaveFolder>>([['', Promise.resolve(folder)]])
  const folderAt = (segments: readonly string[]): Promise<SaveFolder> => {
    const key = segments.join('/')
    let found = folders.get(key)
    if (!found) {
      const parent = folderAt(segments.slice(0, -1))
      found = parent.then((handle) => handle.getDirectoryHandle(segments.at(-1) ?? '_', { create: true }))
      folders.set(key, found)
    }
    return found
  }
  let written = 0
  for (const entry of entries) {
    const segments = pathSegments(entry.path)
    const parent = await folderAt(segments.slice(0, -1))
    const handle = await parent.getFileHandle(segments.at(-1) ?? '_', { create: true })
    const writable = await handle.createWritable()
    // pipeTo closes the file at the end, and on a failure of either side aborts the other.
    await (await open(entry.index)).pipeTo(writable)
    written++
  }
  return written
}
