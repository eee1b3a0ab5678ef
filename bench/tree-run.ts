/**
 * `BENCH_ONLY=tree npm run bench`: only the 10 000-file rows (bench/file-tree.ts), on the site built
 * with its test hooks; printed, and merged into bench/results.json (every other figure kept).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { startStack } from '../tools/stack.ts'
import { launchChromium } from './browser.ts'
import { measureFileTree, treeRows } from './file-tree.ts'
import { summarize, type Summary } from './stats.ts'

interface Figure extends Summary {
  unit: string
  goal: string
  met: boolean | null
}

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const stack = await startStack(port('PORT', 4273), port('TRACKER_PORT', 8223), {
  testHooks: true,
  devnetPort: port('DEVNET_PORT', 8290),
})
const browser = await launchChromium()
try {
  console.log('10 000-file torrent: seeding, then a minute of clicks and typing while it downloads…')
  const rows = treeRows(await measureFileTree(browser, stack.siteUrl))
  const figures: Record<string, Figure> = {}
  for (const row of rows) {
    const summary = summarize(row.samples)
    figures[row.name] = {
      unit: row.unit,
      ...summary,
      goal: row.goal ?? '',
      met: row.meets ? row.meets(summary.median) : null,
    }
  }
  console.table(
    Object.fromEntries(
      Object.entries(figures).map(([name, f]) => [name, { value: f.median, unit: f.unit, goal: f.goal }]),
    ),
  )
  const resultsUrl = new URL('./results.json', import.meta.url)
  const previous = JSON.parse(await readFile(resultsUrl, 'utf8')) as { figures: Record<string, Figure> }
  await writeFile(
    resultsUrl,
    JSON.stringify({ ...previous, figures: { ...previous.figures, ...figures } }, null, 2) + '\n',
  )
} finally {
  await browser.close()
  await stack.close()
}
