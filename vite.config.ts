import { svelte } from '@sveltejs/vite-plugin-svelte'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { CHROMIUM_PATH, chromiumArgs } from './tools/chromium.ts'
import { contentSecurityPolicy, copyWebTorrentWorker, serviceWorker } from './tools/vite-plugins.ts'

export default defineConfig({
  // A static site with no client-side routes: unknown paths must 404, not fall back to index.html.
  appType: 'mpa',
  plugins: [copyWebTorrentWorker(), svelte(), contentSecurityPolicy(), serviceWorker()],
  build: {
    target: 'es2022',
    sourcemap: true,
    // Every browser this app runs in (WebRTC data channels, service workers, ES2022) has modulepreload.
    modulePreload: { polyfill: false },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'tools/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
          exclude: ['src/**/*.browser.test.ts'],
          environment: 'node',
        },
      },
      {
        // Code that talks to IndexedDB is tested against Chromium's real IndexedDB, never a fake.
        extends: true,
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.ts'],
          // One origin, so one IndexedDB for all files: the migration test deletes and recreates
          // the app's database, which must not happen under another file's feet.
          fileParallelism: false,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs() } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
})
