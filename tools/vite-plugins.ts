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

/** What the service worker precaches beside the page's own links: written by `shellFiles()`. */
export const SHELL_FILES_NAME = 'shell-files.json'

/**
 * The engine and the views load with dynamic imports, so the page names none of them and a first
 * visit fetches them before the service worker controls it. This list lets the worker precache
 * them while it installs, so the app opens offline after one visit. The wallet code is left out:
 * it is large, and paying needs the network anyway.
 */
export function shellFiles(): Plugin {
  return {
    name: 'shell-files',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.values(bundle)
        .filter((output) => /\.(js|css)$/.test(output.fileName))
        .filter(
          (output) =>
            output.type !== 'chunk' ||
            !output.moduleIds.some((id) => /node_modules\/(tronweb|@tronweb3)\//.test(id)),
        )
        .map((output) => `/${output.fileName}`)
        .sort()
      this.emitFile({ type: 'asset', fileName: SHELL_FILES_NAME, source: JSON.stringify(files) })
    },
  }
}
