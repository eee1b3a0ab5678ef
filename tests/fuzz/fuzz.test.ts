/**
 * The bounded fuzz run of the test suite: every target, a fixed seed, a fixed number of cases (cut
 * short by a time cap on a slow machine). `npm run fuzz` runs the same targets for longer.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { formatResult, type TargetResult } from './harness'
import { TARGETS } from './targets/index'

const SEED = 20_261_121
/** Per target: enough to stop a slow machine from running for minutes. */
const MAX_MS = 3_000

describe('fuzzing (bounded)', () => {
  const results: TargetResult[] = []
  afterAll(() => {
    const total = results.reduce((sum, result) => sum + result.cases, 0)
    console.log([`fuzz seed ${SEED}:`, ...results.map(formatResult), `${total} cases in all`].join('\n'))
  })

  for (const entry of TARGETS) {
    it(
      `${entry.name}: no crash, no unhandled rejection, every property holds`,
      { timeout: 30_000 },
      async () => {
        const result = await entry.run(SEED, { maxCases: entry.suiteCases, maxMs: MAX_MS })
        results.push(result)
        expect(result.cases).toBeGreaterThan(0)
      },
    )
  }
})
