import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vitest/config'
import { contentSecurityPolicy, copyWebTorrentWorker } from './tools/vite-plugins.ts'

export default defineConfig({
  // A static site with no client-side routes: unknown paths must 404, not fall back to index.html.
  appType: 'mpa',
  plugins: [copyWebTorrentWorker(), svelte(), contentSecurityPolicy()],
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
