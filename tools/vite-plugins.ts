/** Build-time plugins: keep the WebTorrent worker in step with the installed package, and pin the CSP. */
import { copyFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

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

/**
 * The service worker (src/service-worker/sw.ts), built by vite-plugin-pwa with the list of the build's
 * files to precache, each with its revision. The engine and the views load with dynamic imports, so
 * the page names none of them: the list lets the worker fetch them while it installs, and the app
 * opens offline after one visit. Left out: the wallet's code (large, and paying needs the network
 * anyway), source maps, the demo video (range requests), and WebTorrent's worker (imported by ours).
 */
export function serviceWorker(): Plugin[] {
  const walletChunks = new Set<string>()
  const findWalletChunks: Plugin = {
    name: 'wallet-chunks',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle))
        if (
          output.type === 'chunk' &&
          output.moduleIds.some((id) => /node_modules\/(tronweb|@tronweb3)\//.test(id))
        )
          walletChunks.add(output.fileName)
    },
  }
  return [
    findWalletChunks,
    ...VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/service-worker',
      filename: 'sw.ts',
      // The app registers it itself (register-stream-worker.ts), and ships its own web manifest.
      injectRegister: false,
      manifest: false,
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        globIgnores: ['sw.js', 'sw.min.js', 'demo/**', '**/*.map'],
        // The Dolby decoder's worker (about 1.5 MB) is kept: a downloaded film plays offline too.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        manifestTransforms: [
          (entries) =>
            Promise.resolve({
              manifest: entries.filter((entry) => !walletChunks.has(entry.url)),
              warnings: [],
            }),
        ],
      },
    }),
  ]
}
