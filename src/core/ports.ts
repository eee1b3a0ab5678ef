/**
 * What the torrent workflows need from the world, as interfaces: the composition root (src/main.ts)
 * passes the real ones, the unit tests in-memory fakes. The engine port is `TorrentEngine`
 * (src/torrent/engine/engine.ts).
 */
import type { LibraryEntry } from '../db/library-db'

/** Wall-clock time and timers; tests move time by hand (src/testing/fake-clock.ts). */
export interface Clock {
  now(): number
  /** Runs `callback` once after `ms`; the returned function cancels it. */
  after(ms: number, callback: () => void): () => void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, callback) {
    const timer = setTimeout(callback, ms)
    return () => clearTimeout(timer)
  },
}

export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.after(ms, resolve))
}

/** The saved library: one entry per torrent, loaded oldest first. */
export interface LibraryRepository {
  load(): Promise<LibraryEntry[]>
  save(entry: LibraryEntry): Promise<void>
  delete(infoHash: string): Promise<void>
  deleteAll(): Promise<void>
}

/** The browser's storage quota as the storage settings show it. */
export interface StorageQuota {
  /** Asks (without a prompt) that the site's data be kept; once per page load. */
  askToPersistOnce(): Promise<void>
  /** Reads usage and quota again, after something big was stored or deleted. */
  refresh(): Promise<void>
}

/** Where the workflows tell the user things: errors (role="alert") and quiet status lines. */
export interface Notifier {
  alert(message: string): void
  announce(message: string): void
}
