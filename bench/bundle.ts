/**
 * Bundle figures from the built site: gzip bytes of the JavaScript and CSS a first visit loads (the
 * entry script, everything it imports statically, the stylesheets) and of the chunk that carries
 * TronWeb, which must be loaded only when the wallet is first used.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export interface BundleFigures {
  initialJsGzipBytes: number
  initialCssGzipBytes: number
  tronWebChunkGzipBytes: number
  /** Whether any file of the initial load contains TronWeb's code (it must not). */
  tronWebInInitialLoad: boolean
}

export async function measureBundle(distDirectory: string): Promise<BundleFigures> {
  const html = await readFile(join(distDirectory, 'index.html'), 'utf8')
  const entries = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((match) => match[1]!)
  const styles = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+\.css)"/g)].map(
    (match) => match[1]!,
  )
  const initialJs = await staticImportClosure(distDirectory, entries)
  const tronWebChunks = await chunksWithSource(distDirectory, 'node_modules/tronweb/')
  return {
    initialJsGzipBytes: await gzipSize(distDirectory, initialJs),
    initialCssGzipBytes: await gzipSize(distDirectory, styles),
    tronWebChunkGzipBytes: await gzipSize(distDirectory, tronWebChunks),
    tronWebInInitialLoad: tronWebChunks.some((chunk) => initialJs.includes(chunk)),
  }
}

/** The entry files and every file they import statically (`import … from`), transitively. */
async function staticImportClosure(directory: string, entries: string[]): Promise<string[]> {
  const seen = new Set<string>()
  const queue = [...entries]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const code = await readFile(join(directory, file), 'utf8')
    const folder = file.slice(0, file.lastIndexOf('/') + 1)
    // Static imports only: `import(` (lazy) has a parenthesis where these have a space or a brace.
    for (const match of code.matchAll(
      /(?:^|[;\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g,
    )) {
      queue.push(folder + match[1]!)
    }
  }
  return [...seen]
}

/** Built chunks whose source map lists a source under `sourcePrefix`. */
async function chunksWithSource(directory: string, sourcePrefix: string): Promise<string[]> {
  const assets = await readdir(join(directory, 'assets'))
  const found: string[] = []
  for (const map of assets.filter((name) => name.endsWith('.js.map'))) {
    const { sources } = JSON.parse(await readFile(join(directory, 'assets', map), 'utf8')) as {
      sources: string[]
    }
    if (sources.some((source) => source.includes(sourcePrefix))) found.push(`assets/${map.slice(0, -4)}`)
  }
  return found
}

async function gzipSize(directory: string, files: string[]): Promise<number> {
  let total = 0
  for (const file of files) total += gzipSync(await readFile(join(directory, file)), { level: 9 }).length
  return total
}
