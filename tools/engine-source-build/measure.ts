/**
 * Side-by-side cost of the two ways to ship WebTorrent (docs/ENGINE.md): (a) the app as it is, on
 * WebTorrent's prebuilt bundle, and (b) the same app with WebTorrent built from its sources
 * (./vite.config.ts). Production build time (median of RUNS, the two alternating so that machine
 * load falls on both; GNU time gives their CPU time), what index.html loads before any dynamic import (JS + CSS, gzip -9 as Vite
 * reports it), and WebTorrent's share of that when it is split into a chunk of its own.
 *
 *   npx tsx tools/engine-source-build/measure.ts [runs=3] [--dev <port>]
 *
 * `--dev <port>` also times a cold dev-server start to a rendered page in headless Chromium.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import { build } from 'vite'
import { CHROMIUM_PATH, chromiumArgs } from '../chromium.ts'

const REPO = fileURLToPath(new URL('../..', import.meta.url))
const SOURCE_CONFIG = fileURLToPath(new URL('./vite.config.ts', import.meta.url))
const VITE = join(REPO, 'node_modules/vite/bin/vite.js')

interface Variant {
  readonly name: string
  /** `undefined`: the app's own vite.config.ts, as `npm run build` uses it. */
  readonly configFile: string | undefined
}
const VARIANTS: readonly Variant[] = [
  { name: 'prebuilt bundle (today)', configFile: undefined },
  { name: 'built from sources', configFile: SOURCE_CONFIG },
]

const args = process.argv.slice(2)
const devFlag = args.indexOf('--dev')
const devPort = devFlag === -1 ? null : Number(args[devFlag + 1])
const runs = Number(args.find((arg, i) => /^\d+$/.test(arg) && (devFlag === -1 || i !== devFlag + 1)) ?? 3)
const scratch = mkdtempSync(join(tmpdir(), 'engine-measure-'))

const gzip = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? NaN

interface BuildTime {
  readonly wallMs: number
  /** User + system CPU of the build process (GNU time), steadier than wall-clock on a shared machine. */
  readonly cpuMs: number
}

/** The production build as a fresh process, like `npm run build`. */
function timeBuild(variant: Variant, outDir: string): BuildTime {
  const config = variant.configFile ? ['--config', variant.configFile] : []
  const command = [process.execPath, VITE, 'build', ...config, '--outDir', outDir, '--emptyOutDir']
  const started = performance.now()
  const result = spawnSync('time', ['-f', 'cpu %U %S', ...command], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const wallMs = performance.now() - started
  const stderr = result.stderr.toString()
  if (result.status !== 0) throw new Error(`build failed: ${stderr}`)
  const [, user, system] = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr) ?? []
  return { wallMs, cpuMs: (Number(user) + Number(system)) * 1000 }
}

/** Files index.html loads up front: its script and stylesheets, and the JS those import statically. */
function initialFiles(outDir: string): string[] {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8')
  const entries = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '')
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    if (!file.endsWith('.js')) return
    const code = readFileSync(join(outDir, file), 'utf8')
    // Static imports only (`import{…}from"./x.js"`, `import"./x.js"`); `import("./x.js")` is lazy.
    for (const m of code.matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      visit(join(dirname(file), m[1] ?? ''))
    }
  }
  entries.forEach(visit)
  return [...seen]
}

interface Load {
  readonly files: number
  readonly jsGzip: number
  readonly cssGzip: number
}
function initialLoad(outDir: string): Load {
  const files = initialFiles(outDir)
  const sum = (ext: string) =>
    files.filter((f) => f.endsWith(ext)).reduce((total, f) => total + gzip(readFileSync(join(outDir, f))), 0)
  return { files: files.length, jsGzip: sum('.js'), cssGzip: sum('.css') }
}

/** npm packages whose code ends up in the initial JS (from the source maps). */
function packagesIn(outDir: string): Set<string> {
  const names = new Set<string>()
  for (const file of initialFiles(outDir).filter((f) => f.endsWith('.js'))) {
    if (!existsSync(join(outDir, `${file}.map`))) continue
    const map = JSON.parse(readFileSync(join(outDir, `${file}.map`), 'utf8')) as { sources: string[] }
    for (const source of map.sources) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)
      if (m?.[1]) names.add(m[1])
    }
  }
  return names
}

/** Builds once more with the given modules in a chunk of their own; returns that chunk's gzip size. */
async function engineChunk(variant: Variant, outDir: string, isEngine: (id: string) => boolean) {
  await build({
    root: REPO,
    configFile: variant.configFile,
    logLevel: 'silent',
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'webtorrent', test: isEngine }] } } },
    },
  })
  const chunk = initialFiles(outDir).find((f) => /assets\/webtorrent-[^/]+\.js$/.test(f))
  if (!chunk) throw new Error('no webtorrent chunk among the initial files')
  const bytes = readFileSync(join(outDir, chunk))
  return { raw: bytes.length, gzip: gzip(bytes) }
}

/** Cold dev start (no pre-bundled dependencies) until the app has rendered in headless Chromium. */
async function timeDevStart(variant: Variant, port: number): Promise<number> {
  const cacheDir = variant.configFile ? 'node_modules/.vite-engine-source' : 'node_modules/.vite'
  rmSync(join(REPO, cacheDir, 'deps'), { recursive: true, force: true })
  const config = variant.configFile ? ['--config', variant.configFile] : []
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs() })
  const started = performance.now()
  const server = spawn(process.execPath, [VITE, ...config, '--host', '127.0.0.1', '--port', String(port)], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready in')) resolve()
      })
      server.once('exit', () => reject(new Error('dev server exited')))
    })
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${port}/`)
    await page.locator('#app > *').first().waitFor({ timeout: 120_000 })
    return performance.now() - started
  } finally {
    server.kill()
    await browser.close()
  }
}

const times = new Map<string, BuildTime[]>(VARIANTS.map((v) => [v.name, []]))
for (let run = 0; run < runs; run++) {
  for (const variant of VARIANTS)
    times.get(variant.name)?.push(timeBuild(variant, join(scratch, `run-${run}`)))
}

const outDirs = VARIANTS.map((_, i) => join(scratch, `out-${i}`))
VARIANTS.forEach((variant, i) => timeBuild(variant, outDirs[i] ?? ''))
const [todayPackages, sourcePackages] = outDirs.map(packagesIn)
if (!todayPackages || !sourcePackages) throw new Error('no builds')
// WebTorrent's share: its package today; in the source build, every package the prebuilt bundle's
// build does not have (WebTorrent's dependencies) and our substitutes and stand-ins.
const engineOnly = [...sourcePackages].filter((name) => name === 'webtorrent' || !todayPackages.has(name))
const packagePattern = new RegExp(
  `node_modules/(${engineOnly.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})/`,
)
const isEngine = [
  (id: string) => id.includes('/node_modules/webtorrent/'),
  (id: string) => packagePattern.test(id) || id.includes('/tools/engine-source-build/'),
]

console.log(`\nproduction build, ${runs} runs each, median (min–max), wall-clock and CPU (user + system):`)
for (const variant of VARIANTS) {
  const runTimes = times.get(variant.name) ?? []
  const figure = (values: number[]) => {
    const s = (value: number) => (value / 1000).toFixed(2)
    return `${s(median(values))} s (${s(Math.min(...values))}–${s(Math.max(...values))})`
  }
  const wall = figure(runTimes.map((t) => t.wallMs))
  const cpu = figure(runTimes.map((t) => t.cpuMs))
  console.log(`  ${variant.name}: wall ${wall}, CPU ${cpu}`)
}
console.log(
  `  load average at the end: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${cpus().length} cores`,
)
console.log('\ninitial load (index.html before any dynamic import), gzip -9:')
for (const [i, variant] of VARIANTS.entries()) {
  const load = initialLoad(outDirs[i] ?? '')
  const engine = await engineChunk(variant, join(scratch, `split-${i}`), isEngine[i] ?? (() => false))
  console.log(
    `  ${variant.name}: JS ${kb(load.jsGzip)} + CSS ${kb(load.cssGzip)} = ${kb(load.jsGzip + load.cssGzip)}` +
      ` in ${load.files} files; WebTorrent as its own chunk: ${kb(engine.gzip)} gzip (${kb(engine.raw)} minified)`,
  )
}
console.log(
  `\npackages only the source build puts in the initial JS (${engineOnly.length}): ${engineOnly.sort().join(', ')}`,
)

if (devPort !== null) {
  console.log('\ncold dev start to a rendered page (pre-bundled dependencies cleared):')
  for (const variant of VARIANTS) {
    console.log(`  ${variant.name}: ${((await timeDevStart(variant, devPort)) / 1000).toFixed(2)} s`)
  }
}
rmSync(scratch, { recursive: true, force: true })
