/** Build-time plugins: keep the WebTorrent worker in step with the installed package, and pin the CSP. */
import { copyFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

const WORKER_SOURCE = fileURLToPath(new URL('../node_modules/webtorrent/dist/sw.min.js', import.meta.url))
const WORKER_TARGET = fileURLToPath(new URL('../public/sw.min.js', import.meta.url))

/**
 * The streaming service worker must match the WebTorrent version that talks to it, so it is copied
 * from the installed package on every build and dev start instead of being committed.
 */
export function copyWebTorrentWorker(): Plugin {
  return {
    name: 'copy-webtorrent-worker',
    buildStart() {
      copyFileSync(WORKER_SOURCE, WORKER_TARGET)
    },
  }
}

/**
 * Scripts only from our own origin, no eval, no inline code. Connections stay open to any ws/wss
 * tracker and any http(s) web seed or node, because those are the user's choice, not ours.
 * Dev mode is exempt: Vite's client injects inline scripts and styles there.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self' ws: wss: http: https:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ')

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml() {
      return [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ]
    },
  }
}
