/**
 * The one place test builds change the app: faults and benchmark switches, read from localStorage,
 * as decorators around the engine's ports. Only a test build (VITE_TEST_HOOKS=1, set by
 * playwright.config.ts and bench/run.ts) applies them; in any other build the flag is false at compile
 * time, `withTestHooks` only builds the engine, and the bundler leaves the decorators out.
 */
import type { TorrentEngine } from '../torrent/engine/engine'
import type { WebTorrentEngineOptions } from '../torrent/engine/webtorrent-engine'
import { chunkStoreForTests } from './storage-faults'
import { withTtTipFaults } from './tt-tip-faults'
import { uploadFaults } from './upload-faults'

/** `makeEngine` builds the engine with the options given (none outside test builds). */
export function withTestHooks(
  makeEngine: (options: WebTorrentEngineOptions) => TorrentEngine,
): TorrentEngine {
  if (import.meta.env.VITE_TEST_HOOKS !== '1') return makeEngine({})
  // `fault:peer-id`: this page claims another peer's id (a peer-id takeover), read when the page loads.
  const peerId = localStorage.getItem('fault:peer-id') ?? undefined
  return withTtTipFaults(
    makeEngine({
      chunkStore: chunkStoreForTests,
      wrapBlockSends: uploadFaults,
      ...(peerId ? { peerId } : {}),
    }),
  )
}
