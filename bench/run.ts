/**
 * `npm run bench`: starts the local stack and measures, in one run, the figures listed in the README.
 * Results go to the terminal and to bench/results.json.
 */
import { writeFile } from 'node:fs/promises'
import { startStack } from '../tools/stack.ts'
import { launchChromium } from './browser.ts'
import { measureFirstFrame } from './first-frame.ts'
import { measureStorage } from './storage.ts'
import { summarize, type Summary } from './stats.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
/** The 100 MB storage rounds take about half a minute each. */
const STORAGE_ROUNDS = Number(process.env.BENCH_STORAGE_ROUNDS ?? 3)

const stack = await startStack(Number(process.env.PORT ?? 4273), Number(process.env.TRACKER_PORT ?? 8223), {
  testHooks: true,
})
const browser = await launchChromium()
try {
  const storage = await measureStorage(browser, stack.siteUrl, STORAGE_ROUNDS)
  const indexedDb = summarize(storage.indexedDbMBps)
  const memory = summarize(storage.memoryMBps)
  const figures: Record<string, Summary & { unit: string }> = {
    'add torrent → first video frame (loopback, browser peer)': {
      unit: 'ms',
      ...summarize(await measureFirstFrame(browser, stack.siteUrl, ROUNDS)),
    },
    '100 MB download, IndexedDB store': { unit: 'MB/s', ...indexedDb },
    '100 MB download, memory store': { unit: 'MB/s', ...memory },
    'IndexedDB / memory, paired per round': {
      unit: 'ratio',
      ...summarize(storage.indexedDbMBps.map((value, i) => value / (storage.memoryMBps[i] ?? Number.NaN))),
    },
    'resume 100 MB at ~50 %: page load → first new byte': {
      unit: 'ms',
      ...summarize(storage.resumeFirstByteMs),
    },
  }
  console.log(
    `\nBenchmark (${ROUNDS} first-frame rounds, ${STORAGE_ROUNDS} storage rounds), ${new Date().toISOString()}`,
  )
  console.table(
    Object.fromEntries(
      Object.entries(figures).map(([name, f]) => [
        name,
        {
          min: fixed(f.min, f.unit),
          median: fixed(f.median, f.unit),
          max: fixed(f.max, f.unit),
          unit: f.unit,
        },
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

function fixed(value: number, unit: string): string {
  return value.toFixed(unit === 'ms' ? 0 : 2)
}
