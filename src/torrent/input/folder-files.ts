/**
 * Files seeded with their place in a folder. create-torrent names each file of a torrent by its
 * `fullPath` (else its bare `name`), so a file picked from a folder, or found in a dropped folder,
 * carries its path below the folder the user chose: `holiday/day 1/beach.jpg`.
 */

/** A file of a folder picked with `<input webkitdirectory>` knows its path; others are left as they are. */
export function withFolderPath(file: File, path = file.webkitRelativePath): File {
  if (path) Object.defineProperty(file, 'fullPath', { value: path, configurable: true })
  return file
}

/** What is read of a dropped item's entry (the File and Directory Entries API); DOM entries fit. */
export interface EntryLike {
  readonly isFile: boolean
  readonly isDirectory: boolean
  readonly name: string
}
interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, failure?: (error: DOMException) => void): void
}
interface DirectoryEntryLike extends EntryLike {
  createReader(): {
    readEntries(success: (entries: EntryLike[]) => void, failure?: (error: DOMException) => void): void
  }
}

/**
 * Every file under the dropped entries, depth first, each with its path from the dropped item down
 * (`folder/sub/file`). A dropped file alone keeps its bare name.
 */
export async function filesOfEntries(entries: readonly EntryLike[]): Promise<File[]> {
  const files: File[] = []
  const walk = async (entry: EntryLike, parent: string): Promise<void> => {
    const path = parent ? `${parent}/${entry.name}` : entry.name
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) =>
        (entry as FileEntryLike).file(resolve, reject),
      )
      files.push(parent ? withFolderPath(file, path) : file)
    } else if (entry.isDirectory) {
      for (const child of await readAll(entry as DirectoryEntryLike)) await walk(child, path)
    }
  }
  for (const entry of entries) await walk(entry, '')
  return files
}

/** A directory reader hands out its entries in batches (100 in Chromium) until an empty one. */
async function readAll(directory: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = directory.createReader()
  const all: EntryLike[] = []
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject))
    if (batch.length === 0) return all
    all.push(...batch)
  }
}
