import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vitest/config'
import { contentSecurityPolicy, copyWebTorrentWorker } from './tools/vite-plugins.ts'

export default defineConfig({
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
