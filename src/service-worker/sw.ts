/**
 * The site's one service worker (built by vite-plugin-pwa, which writes the build's file list into
 * `self.__WB_MANIFEST`). Two jobs:
 * 1. Streaming: WebTorrent's own worker, imported unchanged (copied into the site root by the build),
 *    answers every request under /webtorrent/ and nothing else. It is imported first, so its fetch
 *    listener sees each request before ours; it also activates each new version at once.
 * 2. Offline: the build's files (not the wallet's, which paying needs the network for anyway) are
 *    precached under their revision while the worker installs; a new build's worker replaces what
 *    changed and removes the rest, and every cache an older version left. The page itself is asked
 *    of the network first (a new version is seen when online), its precached copy kept as fallback.
 * Torrent data, the demo video (range requests), trackers and wallets never go through the cache.
 */
import { PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { contentTypeFits } from './content-types'

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] }

self.importScripts('/sw.min.js')

const CACHE_NAME = 'app-shell'
const PAGE = '/index.html'

const precache = new PrecacheController({
  cacheName: CACHE_NAME,
  plugins: [
    {
      // Only a file served as what it is: never the HTML a host sends for a file it lacks.
      cacheWillUpdate: ({ request, response }) =>
        Promise.resolve(contentTypeFits(request.url, response.headers.get('Content-Type')) ? response : null),
    },
  ],
})
precache.addToCacheList(self.__WB_MANIFEST)

self.addEventListener('install', (event) => {
  event.waitUntil(precacheEach(event))
})

/**
 * Workbox's own install stops at the first file it cannot keep and fails the worker's install with
 * it. Here each file is kept or skipped on its own, and the install never fails: streaming matters
 * more than working offline, and a file skipped now is fetched from the network when asked for.
 */
async function precacheEach(event: ExtendableEvent): Promise<void> {
  const tolerant = {
    // Workbox tells an install from a fetch by the event's type.
    type: event.type,
    // It hands its own promises to waitUntil, where a rejection would fail the install.
    waitUntil: (promise: Promise<unknown>) => event.waitUntil(promise.catch(() => undefined)),
  } as unknown as ExtendableEvent
  for (const [url, cacheKey] of precache.getURLsToCacheKeys()) {
    const request = new Request(url, { credentials: 'same-origin' })
    await Promise.all(precache.strategy.handleAll({ request, event: tolerant, params: { cacheKey } })).catch(
      () => undefined,
    )
  }
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await precache.activate(event)
      // Caches of older versions of this worker, whatever their names.
      for (const name of await caches.keys()) if (name !== CACHE_NAME) await caches.delete(name)
    })(),
  )
})

// Registered before the precache route, so it answers navigations first.
registerRoute(
  new NavigationRoute(
    async ({ request }) => {
      try {
        return await fetch(request)
      } catch (error) {
        const cached = await precache.matchPrecache(PAGE)
        if (cached) return cached
        throw error
      }
    },
    // A navigation to a stream (a file saved through its URL) is the streaming worker's.
    { denylist: [/^\/webtorrent\//] },
  ),
)
registerRoute(new PrecacheRoute(precache))
