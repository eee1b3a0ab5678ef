/** `npm run bench:node`: the node-request figure alone (see node-rate.ts), on the local stack. */
import { startStack } from '../tools/stack.ts'
import { launchChromium } from './browser.ts'
import { measureNodeRate } from './node-rate.ts'

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const stack = await startStack(port('PORT', 4273), port('TRACKER_PORT', 8223), {
  testHooks: true,
  devnetPort: port('DEVNET_PORT', 8290),
})
const browser = await launchChromium()
try {
  const devnet = stack.devnet
  if (!devnet) throw new Error('The stack started without its devnet')
  const figures = await measureNodeRate(browser, { siteUrl: stack.siteUrl, devnet }, (line) =>
    console.log(`  ${line}`),
  )
  console.log(`\nNode requests during a tipping session (${figures.payments} tip payments):`)
  console.table({
    leecher: figures.leecher,
    seeder: figures.seeder,
  })
  const within = (rate: { averagePerSecond: number; maxBurst: number }) =>
    rate.averagePerSecond <= 1 && rate.maxBurst <= 5
  console.log(
    `budget (≤ 1/s on average, bursts ≤ 5) met: ${within(figures.leecher) && within(figures.seeder)}`,
  )
} finally {
  await browser.close()
  await stack.close()
}
