/**
 * tools/serve.ts with the source build: tracker and devnet as there, the site built by
 * ./vite.config.ts. Used by ./playwright.config.ts to run end-to-end specs on the source build.
 */
import { fileURLToPath } from 'node:url'
import { build, preview } from 'vite'
import { startDevnet } from '../devnet/server.ts'
import { HOST } from '../stack.ts'
import { startTracker } from '../tracker.ts'

const configFile = fileURLToPath(new URL('./vite.config.ts', import.meta.url))
const sitePort = Number(process.env.PORT ?? 5173)
const tracker = await startTracker(Number(process.env.TRACKER_PORT ?? 8000), HOST)
const devnet = await startDevnet({ host: HOST, port: Number(process.env.DEVNET_PORT ?? 8090) })
process.env.VITE_LOCAL_TRACKER = tracker.url
await build({ configFile, logLevel: 'warn' })
const server = await preview({
  configFile,
  preview: { host: HOST, port: sitePort, strictPort: true, open: false },
})
console.log(`  App (WebTorrent from sources): http://${HOST}:${sitePort}/`)

const shutdown = () => {
  void Promise.all([tracker.close(), server.close(), devnet.close()]).then(() => process.exit(0))
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
