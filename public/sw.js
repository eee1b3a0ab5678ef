/*
 * The site's one service worker. Two jobs:
 * 1. Streaming: WebTorrent's own worker, imported unchanged (copied from the installed package by the
 *    build), answers every request under /webtorrent/ and nothing else.
 * 2. Offline app shell: the page and its built files come from a cache when the network is gone.
 *    Hashed files (/assets/) never change under their name, so they are served cache-first; the page
 *    itself is network-first (a new version is picked up when online) with the cached copy as fallback.
 * Torrent data, the demo video (range requests), trackers and wallets never go through the cache.
 */
importScripts('/sw.min.js')

const CACHE = 'app-shell-v1'
const SHELL_FILES = ['/favicon.svg', '/manifest.webmanifest', '/icons/icon-192.png']

self.addEventListener('install', (event) => {
  // A failed precache must not fail the install: streaming matters more than working offline.
  event.waitUntil(precacheShell().catch(() => undefined))
})

self.addEventListener('fetch', (event) => {
  const { request } = event
  const url = new URL(request.url)
  if (request.method !== 'GET' || url.origin !== self.location.origin) return
  if (url.pathname.startsWith('/webtorrent/')) return // WebTorrent's listener, registered first, answers.
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request))
  } else if (url.pathname.startsWith('/assets/') || SHELL_FILES.includes(url.pathname)) {
    event.respondWith(cacheFirst(request))
  }
})

/** The page and the files it loads first, read from the page itself: their names change every build. */
async function precacheShell() {
  const cache = await caches.open(CACHE)
  const response = await fetch('/', { cache: 'no-cache' })
  if (!response.ok) return
  const html = await response.clone().text()
  await cache.put('/', response)
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1])
  // The engine and the views load lazily: the build lists them (tools/vite-plugins.ts, shellFiles).
  const listed = await fetch('/shell-files.json', { cache: 'no-cache' })
    .then((answer) => (answer.ok ? answer.json() : []))
    .catch(() => [])
  const lazyFiles = Array.isArray(listed) ? listed.filter((file) => typeof file === 'string') : []
  await cache.addAll([...new Set([...files, ...lazyFiles, ...SHELL_FILES])])
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE)
  try {
    const response = await fetch(request)
    // Every address of the app is the same page (the view lives in the hash, ?magnet= is read once).
    if (response.ok) await cache.put('/', response.clone())
    return response
  } catch (error) {
    const cached = await cache.match('/', { ignoreVary: true })
    if (cached) return cached
    throw error
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE)
  // By address alone: module scripts are requested with an Origin header the precache did not send,
  // and a server's Vary: Origin would otherwise turn every one into a miss.
  const cached = await cache.match(request.url, { ignoreVary: true })
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}
