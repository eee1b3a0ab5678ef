/** The local stack used by `npm start`, the end-to-end tests and the benchmark: tracker + built site. */
import { build, preview } from 'vite'
import { startTracker } from './tracker.ts'

export const HOST = '127.0.0.1'

export interface RunningStack {
  siteUrl: string
  trackerUrl: string
  close(): Promise<void>
}

/** Builds the site with the local tracker as its default, then serves both on loopback. */
export async function startStack(
  sitePort: number,
  trackerPort: number,
  options: { testHooks?: boolean } = {},
): Promise<RunningStack> {
  const tracker = await startTracker(trackerPort, HOST)
  process.env.VITE_LOCAL_TRACKER = tracker.url
  if (options.testHooks) process.env.VITE_TEST_HOOKS = '1'
  await build({ logLevel: 'warn' })
  const server = await preview({ preview: { host: HOST, port: sitePort, strictPort: true, open: false } })
  return {
    siteUrl: `http://${HOST}:${sitePort}/`,
    trackerUrl: tracker.url,
    close: async () => {
      await Promise.all([tracker.close(), server.close()])
    },
  }
}
