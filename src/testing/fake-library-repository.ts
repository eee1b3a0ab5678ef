/** An in-memory `LibraryRepository` for the workflow tests; every write is recorded in order. */
import type { LibraryEntry } from '../db/library-db'
import type { LibraryRepository } from '../core/ports'

export class FakeLibraryRepository implements LibraryRepository {
  readonly entries = new Map<string, LibraryEntry>()
  readonly writes: LibraryEntry[] = []

  /** `saved` as a previous visit left them: anything, since old records may have other fields. */
  constructor(saved: readonly LibraryEntry[] = []) {
    for (const entry of saved) this.entries.set(entry.infoHash, entry)
  }

  load(): Promise<LibraryEntry[]> {
    return Promise.resolve([...this.entries.values()].sort((a, b) => a.addedAt - b.addedAt))
  }
  save(entry: LibraryEntry): Promise<void> {
    this.writes.push(entry)
    this.entries.set(entry.infoHash, entry)
    return Promise.resolve()
  }
  delete(infoHash: string): Promise<void> {
    this.entries.delete(infoHash)
    return Promise.resolve()
  }
  deleteAll(): Promise<void> {
    this.entries.clear()
    return Promise.resolve()
  }
}
