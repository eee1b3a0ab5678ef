/**
 * `npm run fuzz`: the long run. Every target for FUZZ_SECONDS (default 60) from FUZZ_SEED (default:
 * a fresh one, printed). FUZZ_TARGETS=a,b picks targets; FUZZ_CASE=n replays that one case of the
 * seed. Prints the cases run per target; exits 1 if any case failed, naming its seed and index.
 */
import { FuzzFailure, formatResult, type TargetResult } from './harness'
import { freshSeed } from './rng'
import { TARGETS } from './targets/index'

function numberFromEnv(name: string): number | undefined {
  const text = process.env[name]
  if (text === undefined || text === '') return undefined
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number, not ${text}`)
  return value
}

async function main(): Promise<number> {
  const seed = numberFromEnv('FUZZ_SEED') ?? freshSeed()
  const seconds = numberFromEnv('FUZZ_SECONDS') ?? 60
  const replay = numberFromEnv('FUZZ_CASE')
  const wanted = process.env.FUZZ_TARGETS?.split(',').filter(Boolean)
  const entries = TARGETS.filter(({ name }) => !wanted || wanted.includes(name))
  if (entries.length === 0) {
    console.error(`no such target; there are: ${TARGETS.map(({ name }) => name).join(', ')}`)
    return 2
  }
  console.log(
    replay === undefined
      ? `fuzzing ${entries.length} targets for ${seconds} s each, seed ${seed}`
      : `replaying case ${replay} of seed ${seed}`,
  )
  const started = performance.now()
  const results: TargetResult[] = []
  let failures = 0
  let peakRss = process.memoryUsage().rss
  for (const entry of entries) {
    const budget =
      replay === undefined
        ? { maxCases: Number.POSITIVE_INFINITY, maxMs: seconds * 1000 }
        : { maxCases: 1, maxMs: Number.POSITIVE_INFINITY }
    try {
      const result = await entry.run(seed, budget, replay ?? 0)
      results.push(result)
      console.log(formatResult(result))
    } catch (error) {
      failures++
      console.log(error instanceof FuzzFailure ? `FAILED ${error.message}` : error)
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }
  const total = results.reduce((sum, result) => sum + result.cases, 0)
  const elapsed = ((performance.now() - started) / 1000).toFixed(1)
  console.log(
    `${total} cases in ${elapsed} s, seed ${seed}, peak RSS ${Math.round(peakRss / 2 ** 20)} MiB, ${failures} failed`,
  )
  return failures > 0 ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(2)
  },
)
