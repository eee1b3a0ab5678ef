/**
 * The files of each torrent as the snapshot hands them out. Their static facts (name, path, size,
 * media kind) are read once per torrent; each sample after that only compares progress and the
 * wanted flag, and hands out the very same object for a file where neither changed (and the very
 * same array when no file changed), so a view keyed on these objects redraws only what moved.
 */
import type { FileInfo } from './engine'
import { mediaKindOf } from './media'

/** What the sampler reads of an engine's file (WebTorrent's File has these). */
export interface SampledFile {
  readonly name: string
  readonly path: string
  readonly length: number
  readonly done: boolean
  readonly progress: number
}

export class FileSampler {
  readonly #last = new Map<string, FileInfo[]>()

  files(
    infoHash: string,
    source: readonly SampledFile[],
    unwanted: ReadonlySet<number> | undefined,
  ): FileInfo[] {
    const previous = this.#last.get(infoHash)
    if (!previous || previous.length !== source.length) {
      const files = source.map((file, index) => ({
        index,
        name: file.name,
        path: file.path,
        length: file.length,
        progress: progressOf(file),
        media: mediaKindOf(file.name),
        wanted: !unwanted?.has(index),
      }))
      this.#last.set(infoHash, files)
      return files
    }
    let next: FileInfo[] | null = null
    for (let index = 0; index < previous.length; index++) {
      const before = previous[index]
      const file = source[index]
      if (!before || !file) continue
      const progress = progressOf(file)
      const wanted = !unwanted?.has(index)
      if (progress === before.progress && wanted === before.wanted) continue
      next ??= previous.slice()
      next[index] = { ...before, progress, wanted }
    }
    if (!next) return previous
    this.#last.set(infoHash, next)
    return next
  }

  forget(infoHash: string): void {
    this.#last.delete(infoHash)
  }
}

/** WebTorrent's file.progress under-counts a file that ends exactly on a piece boundary. */
function progressOf(file: SampledFile): number {
  return file.done ? 1 : file.progress
}
