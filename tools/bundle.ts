/**
 * What a first visit loads, measured on a built site: the scripts and stylesheets index.html names
 * (entry script, modulepreload links, stylesheets) and every script those import statically,
 * gzipped file by file. Lazy chunks (`import(…)`) are not part of it. Used by the initial-load check
 * in `npm test` (tools/initial-load.ts) and by the benchmark, so both report the same figure.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

/** Initial JS + CSS, gzip, in bytes (1 KB = 1000 bytes). */
export const INITIAL_LOAD_BUDGET_BYTES = 120_000

/** Sources that belong to the wallet and must arrive only when the wallet is first used. */
const WALLET_SOURCES = ['node_modules/tronweb/', 'node_modules/@tronweb3/']

export interface BundleFigures {
  /** Files of the first load, relative to the build directory, each with its gzip size. */
  initialFiles: { file: string; gzipBytes: number }[]
  initialJsGzipBytes: number
  initialCssGzipBytes: number
  /** Gzip bytes of the chunks that carry TronWeb (loaded on first wallet use). */
  tronWebChunkGzipBytes: number
  /** Initial files whose source map lists TronWeb or the wallet adapter (there must be none). */
  walletCodeInInitialLoad: string[]
  /** Initial scripts without a source map: what they contain cannot be told. */
  initialScriptsWithoutMap: string[]
}

export async function measureBundle(distDirectory: string): Promise<BundleFigures> {
  const html = await readFile(join(distDirectory, 'index.html'), 'utf8')
  const named = linkedFiles(html)
  const initialJs = await staticImportClosure(distDirectory, named.scripts)
  const initialFiles: BundleFigures['initialFiles'] = []
  for (const file of [...initialJs, ...named.styles]) {
    initialFiles.push({
      file,
      gzipBytes: gzipSync(await readFile(join(distDirectory, file)), { level: 9 }).length,
    })
  }
  const sum = (suffix: string) =>
    initialFiles
      .filter(({ file }) => file.endsWith(suffix))
      .reduce((total, { gzipBytes }) => total + gzipBytes, 0)

  const walletCodeInInitialLoad: string[] = []
  const initialScriptsWithoutMap: string[] = []
  for (const file of initialJs) {
    const sources = await mapSources(distDirectory, file)
    if (sources === null) {
      if (!(await isPreloadHelper(distDirectory, file))) initialScriptsWithoutMap.push(file)
    } else if (sources.some((source) => WALLET_SOURCES.some((prefix) => source.includes(prefix)))) {
      walletCodeInInitialLoad.push(file)
    }
  }
  let tronWebChunkGzipBytes = 0
  for (const file of await scripts(distDirectory)) {
    const sources = (await mapSources(distDirectory, file)) ?? []
    if (sources.some((source) => source.includes(WALLET_SOURCES[0]!))) {
      tronWebChunkGzipBytes += gzipSync(await readFile(join(distDirectory, file)), { level: 9 }).length
    }
  }
  return {
    initialFiles,
    initialJsGzipBytes: sum('.js'),
    initialCssGzipBytes: sum('.css'),
    tronWebChunkGzipBytes,
    walletCodeInInitialLoad,
    initialScriptsWithoutMap,
  }
}

/**
 * Vite's module-preload helper (the code behind `import(…)` that preloads a chunk's imports) is
 * generated, not read from a file, so the build writes no source map for it; once several chunks
 * use it, it becomes a chunk of its own. It is recognised by its name, its small size, and a text
 * that names neither TronWeb nor the wallet adapter.
 */
async function isPreloadHelper(directory: string, file: string): Promise<boolean> {
  if (!/^assets\/preload-helper-[\w-]+\.js$/.test(file)) return false
  const text = await readFile(join(directory, file), 'utf8')
  return text.length <= 4_000 && !/tron/i.test(text)
}

/** What breaks the budget, in words; empty when the first load is within it. */
export function budgetFailures(figures: BundleFigures, budgetBytes = INITIAL_LOAD_BUDGET_BYTES): string[] {
  const failures: string[] = []
  const total = figures.initialJsGzipBytes + figures.initialCssGzipBytes
  if (total > budgetBytes) {
    failures.push(`initial JS + CSS is ${kb(total)} gzip, over the ${kb(budgetBytes)} budget`)
  }
  for (const file of figures.walletCodeInInitialLoad) {
    failures.push(`${file} carries TronWeb or the wallet adapter and is part of the first load`)
  }
  for (const file of figures.initialScriptsWithoutMap) {
    failures.push(`${file} has no source map, so its content cannot be checked`)
  }
  return failures
}

export const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} KB`

/** Scripts and stylesheets the page asks for before running any script. */
function linkedFiles(html: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = []
  const styles: string[] = []
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
    const local = (url: string | undefined) =>
      url?.startsWith('/') && !url.startsWith('//') ? url.slice(1) : null
    if (tag.startsWith('<script')) {
      const file = local(attribute('src'))
      if (file?.endsWith('.js')) scripts.push(file)
      continue
    }
    const file = local(attribute('href'))
    if (file === null) continue
    const rel = attribute('rel')
    if (rel === 'modulepreload' && file.endsWith('.js')) scripts.push(file)
    if (rel === 'stylesheet' && file.endsWith('.css')) styles.push(file)
  }
  return { scripts, styles }
}

/** The entry files and every file they import statically (`import … from`), transitively. */
async function staticImportClosure(directory: string, entries: string[]): Promise<string[]> {
  const seen = new Set<string>()
  const queue = [...entries]
  while (queue.length > 0) {
    const file = queue.shift()!
    if (seen.has(file)) continue
    seen.add(file)
    const code = await readFile(join(directory, file), 'utf8')
    const folder = file.slice(0, file.lastIndexOf('/') + 1)
    // Static imports only: `import(` (lazy) has a parenthesis where these have a space or a brace.
    for (const match of code.matchAll(
      /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g,
    )) {
      queue.push(folder + match[1]!)
    }
  }
  return [...seen]
}

async function scripts(directory: string): Promise<string[]> {
  const assets = await readdir(join(directory, 'assets'))
  return assets.filter((name) => name.endsWith('.js')).map((name) => `assets/${name}`)
}

/** The sources a chunk's map lists, or null without a map. */
async function mapSources(directory: string, file: string): Promise<string[] | null> {
  try {
    const { sources } = JSON.parse(await readFile(join(directory, `${file}.map`), 'utf8')) as {
      sources: string[]
    }
    return sources
  } catch {
    return null
  }
}
