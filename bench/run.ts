/**
 * `npm run bench`: starts the local stack and measures, in one run, the figures listed in the README.
 * Results go to the terminal and to bench/results.json.
 */
import { writeFile } from 'node:fs/promises'
import { startStack } from '../tools/stack.ts'
import { launchChromium } from './browser.ts'
import { measureFirstFrame } from './first-frame.ts'
import { summarize, type Summary } from './stats.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)

const stack = await startStack(Number(process.env.PORT ?? 4273), Number(process.env.TRACKER_PORT ?? 8223))
const browser = await launchChromium()
try {
  const figures: Record<string, Summary & { unit: string }> = {
    'add torrent → first video frame (loopback, browser peer)': {
      unit: 'ms',
      ...summarize(await measureFirstFrame(browser, stack.siteUrl, ROUNDS)),
    },
  }
  console.log(`\nBenchmark, ${ROUNDS} rounds, ${new Date().toISOString()}`)
  console.table(
    Object.fromEntries(
      Object.entries(figures).map(([name, f]) => [
        name,
        { min: f.min.toFixed(0), median: f.median.toFixed(0), max: f.max.toFixed(0), unit: f.unit },
      ]),
    ),
  )
  await writeFile(
    new URL('./results.json', import.meta.url),
    JSON.stringify({ date: new Date().toISOString(), rounds: ROUNDS, figures }, null, 2) + '\n',
  )
} finally {
  await browser.close()
  await stack.close()
}
