/**
 * Runs one fuzz target for a budget of cases and time. A case fails when it throws (a property did
 * not hold), when something it started rejects unhandled or throws uncaught, or when it takes longer
 * than a hang would excuse. A failure names the seed and the case index, which replay it alone.
 */
import { caseRng, type Rng } from './rng'

/** What a case hands back: a label to count (e.g. "accepted", "rejected"). */
export type Outcome = string

export interface FuzzCase {
  readonly rng: Rng
  /** Records the input, shown when the case fails. */
  readonly input: (label: string, value: unknown) => void
}

export interface FuzzTarget<Context = unknown> {
  readonly name: string
  /** Yield to the event loop after every case (targets that start promises or talk to sockets). */
  readonly async?: boolean
  setup?(): Promise<Context> | Context
  teardown?(context: Context): Promise<void> | void
  /** One case: throws only when a property is violated. */
  run(fuzzCase: FuzzCase, context: Context): Outcome | Promise<Outcome>
}

export interface Budget {
  maxCases: number
  maxMs: number
  /** A single case slower than this counts as a hang. */
  slowCaseMs?: number
}

export interface TargetResult {
  target: string
  cases: number
  ms: number
  outcomes: Record<Outcome, number>
}

export class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure'

  constructor(
    readonly target: string,
    readonly seed: number,
    readonly index: number,
    readonly detail: string,
    readonly inputs: readonly string[],
  ) {
    super(
      [
        `${target}: case ${index} of seed ${seed} failed: ${detail}`,
        ...inputs.map((input) => `  ${input}`),
        `  replay: FUZZ_SEED=${seed} FUZZ_TARGETS=${target} FUZZ_CASE=${index} npm run fuzz`,
      ].join('\n'),
    )
  }
}

const MAX_SHOWN_CHARS = 600

/** A short printable form of a case's input. */
export function show(value: unknown): string {
  let text: string
  if (value instanceof Uint8Array) {
    text = `${value.length} bytes: ${Buffer.from(value.subarray(0, MAX_SHOWN_CHARS / 2)).toString('hex')}`
  } else if (typeof value === 'string') {
    text = `${value.length} chars: ${JSON.stringify(value.slice(0, MAX_SHOWN_CHARS))}`
  } else {
    try {
      text = JSON.stringify(value) ?? String(value)
    } catch {
      text = String(value)
    }
  }
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text
}

/** What something a case started rejected with, unhandled, or threw uncaught. */
class StrayError extends Error {
  constructor(readonly reason: unknown) {
    super(`unhandled rejection or uncaught exception: ${describe(reason)}`)
  }
}

function describe(error: unknown): string {
  if (error instanceof StrayError) return error.message
  if (error instanceof Error) return `${error.name}: ${error.message}${error.stack ? `\n${error.stack}` : ''}`
  return String(error)
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Runs cases `firstCase`, `firstCase + 1`, … until the budget is spent. Throws FuzzFailure on the
 * first failing case.
 */
export async function runTarget<Context>(
  target: FuzzTarget<Context>,
  seed: number,
  budget: Budget,
  firstCase = 0,
): Promise<TargetResult> {
  const stray: unknown[] = []
  // A case still running when something strays fails at once, rather than waiting for its timeouts.
  let interrupt: ((reason: unknown) => void) | undefined
  const onStray = (reason: unknown) => {
    stray.push(reason)
    interrupt?.(reason)
  }
  process.on('unhandledRejection', onStray)
  process.on('uncaughtException', onStray)
  const context = await target.setup?.()
  const outcomes: Record<Outcome, number> = {}
  const slowCaseMs = budget.slowCaseMs ?? 5_000
  const started = performance.now()
  let cases = 0
  try {
    while (cases < budget.maxCases && performance.now() - started < budget.maxMs) {
      const index = firstCase + cases
      const inputs: string[] = []
      const fuzzCase: FuzzCase = {
        rng: caseRng(seed, target.name, index),
        input: (label, value) => inputs.push(`${label}: ${show(value)}`),
      }
      const fail = (detail: string) => new FuzzFailure(target.name, seed, index, detail, inputs)
      const caseStarted = performance.now()
      let outcome: Outcome
      try {
        const running = target.run(fuzzCase, context as Context)
        outcome =
          typeof running === 'string'
            ? running
            : await Promise.race([
                running,
                new Promise<never>((_, reject) => {
                  interrupt = (reason) => reject(new StrayError(reason))
                }),
              ])
      } catch (error) {
        throw fail(describe(error))
      } finally {
        interrupt = undefined
      }
      // A rejection nobody handles is reported once the microtask queue drains: give it the chance.
      if (target.async || cases % 256 === 255) await nextTurn()
      if (stray.length > 0) throw fail(`unhandled rejection or uncaught exception: ${describe(stray[0])}`)
      const caseMs = performance.now() - caseStarted
      if (caseMs > slowCaseMs) throw fail(`took ${Math.round(caseMs)} ms (a hang?)`)
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
      cases++
    }
    await nextTurn()
    if (stray.length > 0) {
      throw new FuzzFailure(target.name, seed, firstCase + cases - 1, `late: ${describe(stray[0])}`, [])
    }
  } finally {
    await target.teardown?.(context as Context)
    process.off('unhandledRejection', onStray)
    process.off('uncaughtException', onStray)
  }
  return { target: target.name, cases, ms: Math.round(performance.now() - started), outcomes }
}

export function formatResult(result: TargetResult): string {
  const outcomes = Object.entries(result.outcomes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, count]) => `${label} ${count}`)
    .join(', ')
  return `${result.target.padEnd(16)} ${String(result.cases).padStart(8)} cases in ${String(result.ms).padStart(6)} ms (${outcomes})`
}
