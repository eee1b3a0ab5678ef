/**
 * `npm start`: builds the site so that it uses a local tracker by default, then serves it and the
 * tracker on loopback. The end-to-end tests start the same thing (see playwright.config.ts).
 *
 * Ports: PORT (site, default 5173) and TRACKER_PORT (default 8000).
 */
import { startStack } from './stack.ts'

const stack = await startStack(Number(process.env.PORT ?? 5173), Number(process.env.TRACKER_PORT ?? 8000))

console.log(`\n  Tracker: ${stack.trackerUrl}`)
console.log(`  App:     ${stack.siteUrl}\n`)

const shutdown = () => {
  void stack.close().then(() => process.exit(0))
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
