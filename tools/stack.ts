/**
 * The local stack used by `npm start`, the end-to-end tests and the benchmark: tracker + built site,
 * and the TRON devnet when asked for (the tipping tests start their own, one per test).
 */
import { build, preview } from 'vite'
import { startDevnet, type RunningDevnet } from './devnet/server.ts'
import { startTracker } from './tracker.ts'

export const HOST = '127.0.0.1'

export interface RunningStack {
  siteUrl: string
  trackerUrl: string
  devnet: RunningDevnet | null
  close(): Promise<void>
}

/** Builds the site with the local tracker as its default, then serves both on loopback. */
export async function startStack(
  sitePort: number,
  trackerPort: number,
  options: { testHooks?: boolean; devnetPort?: number; minify?: boolean } = {},
): Promise<RunningStack> {
  const tracker = await startTracker(trackerPort, HOST)
  const devnet =
    options.devnetPort === undefined ? null : await startDevnet({ host: HOST, port: options.devnetPort })
  process.env.VITE_LOCAL_TRACKER = tracker.url
  if (options.testHooks) process.env.VITE_TEST_HOOKS = '1'
  // Unminified for CPU profiles (`npm run bench:profile`), so that they name the real functions.
  await build({ logLevel: 'warn', build: { minify: options.minify ?? true } })
  const server = await preview({ preview: { host: HOST, port: sitePort, strictPort: true, open: false } })
  return {
    siteUrl: `http://${HOST}:${sitePort}/`,
    trackerUrl: tracker.url,
    devnet,
    close: async () => {
      await Promise.all([tracker.close(), server.close(), devnet?.close()])
    },
  }
}
