/**
 * `npm start`: builds the site so that it uses a local tracker by default, then serves it and the
 * tracker on loopback. The tests start the same thing (see playwright.config.ts).
 *
 * Ports: PORT (site, default 5173) and TRACKER_PORT (default 8000).
 */
import { build, preview } from 'vite'
import { startTracker } from './tracker.ts'

const HOST = '127.0.0.1'
const sitePort = Number(process.env.PORT ?? 5173)
const trackerPort = Number(process.env.TRACKER_PORT ?? 8000)

const tracker = await startTracker(trackerPort, HOST)
process.env.VITE_LOCAL_TRACKER = tracker.url
await build({ logLevel: 'warn' })
const server = await preview({ preview: { host: HOST, port: sitePort, strictPort: true, open: false } })

console.log(`\n  Tracker: ${tracker.url}`)
console.log(`  App:     http://${HOST}:${sitePort}/\n`)

const shutdown = () => {
  void Promise.all([tracker.close(), server.close()]).then(() => process.exit(0))
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
