/**
 * `npm start`: builds the site so that it uses a local tracker by default, then serves it and the
 * tracker on loopback. The end-to-end tests start the same thing (see playwright.config.ts).
 *
 * It also starts the TRON devnet (tools/devnet: a development node, not TRON) with its funded test
 * accounts, for trying tips without real money.
 *
 * Ports: PORT (site, default 5173), TRACKER_PORT (default 8000), DEVNET_PORT (default 8090).
 */
import { startStack } from './stack.ts'

const stack = await startStack(Number(process.env.PORT ?? 5173), Number(process.env.TRACKER_PORT ?? 8000), {
  devnetPort: Number(process.env.DEVNET_PORT ?? 8090),
})

console.log(`\n  Tracker: ${stack.trackerUrl}`)
if (stack.devnet)
  console.log(
    `  Devnet:  ${stack.devnet.url} (chain ${stack.devnet.chainId}; accounts in tools/devnet/accounts.json)`,
  )
console.log(`  App:     ${stack.siteUrl}\n`)

const shutdown = () => {
  void stack.close().then(() => process.exit(0))
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
