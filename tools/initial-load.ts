/**
 * `npm run test:size`: builds the site as users get it (production mode, no test hooks) into a
 * temporary directory and fails when the first load (initial JS + CSS, gzip) passes the budget or
 * carries TronWeb or the wallet adapter. Prints every file of the first load with its size.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { budgetFailures, INITIAL_LOAD_BUDGET_BYTES, kb, measureBundle } from './bundle.ts'

// Test hooks are a test build's; the figure is the production build's.
delete process.env.VITE_TEST_HOOKS
const outDir = await mkdtemp(join(tmpdir(), 'initial-load-'))
try {
  await build({ mode: 'production', logLevel: 'error', build: { outDir, emptyOutDir: true } })
  const figures = await measureBundle(outDir)
  for (const { file, gzipBytes } of figures.initialFiles)
    console.log(`  ${kb(gzipBytes).padStart(10)}  ${file}`)
  const total = figures.initialJsGzipBytes + figures.initialCssGzipBytes
  console.log(
    `initial load: JS ${kb(figures.initialJsGzipBytes)} + CSS ${kb(figures.initialCssGzipBytes)} = ` +
      `${kb(total)} gzip (budget ${kb(INITIAL_LOAD_BUDGET_BYTES)}); TronWeb chunk ${kb(figures.tronWebChunkGzipBytes)}, lazy`,
  )
  const failures = budgetFailures(figures)
  for (const failure of failures) console.error(`initial load: ${failure}`)
  process.exitCode = failures.length > 0 ? 1 : 0
} finally {
  await rm(outDir, { recursive: true, force: true })
}
