/**
 * The composition root's engine half, loaded by main.ts with a dynamic import: WebTorrent is about
 * half of the page's JavaScript, and fetching it beside the first paint instead of before it keeps
 * the initial load within its budget. Test builds wrap it in their fault decorators here.
 */
import { withTestHooks } from './testing/decorate'
import type { TorrentEngine } from './torrent/engine/engine'
import { WebTorrentEngine } from './torrent/engine/webtorrent-engine'

export function createEngine(streamWorker: Promise<ServiceWorkerRegistration>): TorrentEngine {
  return withTestHooks((options) => new WebTorrentEngine(streamWorker, options))
}
