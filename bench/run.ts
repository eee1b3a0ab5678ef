/**
 * `npm run bench`: starts the local stack (tracker, devnet, the site built with its test hooks) and
 * headless Chromium, measures every figure side by side in one run, prints a table (min / median /
 * max of the rounds, the goal, whether the median meets it) and writes bench/results.json.
 */
import { statSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { INITIAL_LOAD_BUDGET_BYTES, measureBundle } from '../tools/bundle.ts'
import { startStack } from '../tools/stack.ts'
import { launchChromium } from './browser.ts'
import { measureFirstFrame, type FirstFrameRound } from './first-frame.ts'
import { measureLoad } from './load.ts'
import { measureFileTree, treeRows } from './file-tree.ts'
import { measureNodeRate } from './node-rate.ts'
import { measureStreamingMemory } from './memory.ts'
import { measureResume } from './resume.ts'
import { measureSave } from './save.ts'
import { summarize, type Summary } from './stats.ts'
import { serveStockSite } from './stock-page.ts'
import { measureThroughput } from './throughput.ts'
import { ensureFfmpeg } from './ffmpeg.ts'
import { measureRealisticStream, type StreamFigures } from './realistic-stream.ts'
import { h264AacMkv, h264AacMp4, h264DolbyMkv, makeMedia, vp9Webm } from '../tools/media/make-media.ts'

const rounds = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const FIRST_FRAME_ROUNDS = rounds('BENCH_FIRST_FRAME_ROUNDS', 5)
const THROUGHPUT_ROUNDS = rounds('BENCH_THROUGHPUT_ROUNDS', 3)
const RESUME_ROUNDS = rounds('BENCH_RESUME_ROUNDS', 3)
const MEMORY_ROUNDS = rounds('BENCH_MEMORY_ROUNDS', 3)
const STREAM_ROUNDS = rounds('BENCH_STREAM_ROUNDS', 5)
/** `BENCH_ONLY=streaming` runs only the realistic-media rows and merges them into results.json. */
const ONLY_STREAMING = process.env.BENCH_ONLY === 'streaming'
/** `BENCH_ONLY=save`: only the 2 GB "Save file" rows (several minutes); `BENCH_SKIP_SAVE=1` leaves them out. */
const ONLY_SAVE = process.env.BENCH_ONLY === 'save'
const SKIP_SAVE = process.env.BENCH_SKIP_SAVE === '1'
/** `BENCH_ONLY=tree` runs only the 10 000-file rows (bench/tree-run.ts) and merges them likewise. */
if (process.env.BENCH_ONLY === 'tree') {
  await import('./tree-run.ts')
  process.exit(0)
}
const MiB = 1024 * 1024

interface Figure extends Summary {
  unit: string
  goal: string
  met: boolean | null
}

const figures: Record<string, Figure> = {}
function record(
  name: string,
  unit: string,
  samples: number[],
  goal = '',
  meets?: (median: number) => boolean,
) {
  const summary = summarize(samples)
  figures[name] = { unit, ...summary, goal, met: meets ? meets(summary.median) : null }
}
const progress = (line: string) => console.log(`  ${line}`)
const paired = (a: number[], b: number[]) => a.map((value, i) => value / (b[i] ?? Number.NaN))

// Before anything starts: the realistic media is made by ffmpeg, installed here when missing.
ensureFfmpeg()
const FILM = { seconds: 60, mbps: 6 }
const mp4Path = await makeMedia(h264AacMp4({ ...FILM, faststart: true }))
const mkvPath = await makeMedia(h264DolbyMkv({ seconds: 30, mbps: 5, audio: 'ac3' }))
// Every other format that plays here, sized like the measurements (20 to 45 MB).
const indexLastPath = await makeMedia(h264AacMp4({ seconds: 30, mbps: 6, faststart: false }))
const aacMkvPath = await makeMedia(h264AacMkv({ seconds: 30, mbps: 5 }))
const webmPath = await makeMedia(vp9Webm({ seconds: 60, kbps: 3000 }))
/** `BENCH_STREAM_ROWS=mp4,link`: only the streaming rows whose label contains one of these words. */
const STREAM_ROWS = (process.env.BENCH_STREAM_ROWS ?? '')
  .split(',')
  .map((word) => word.trim().toLowerCase())
  .filter(Boolean)
const streamRowWanted = (label: string) =>
  STREAM_ROWS.length === 0 || STREAM_ROWS.some((word) => label.toLowerCase().includes(word))

// The bundle users get: a production build (no test hooks), made before the stack sets them.
const productionBuild = await mkdtemp(join(tmpdir(), 'bench-dist-'))
await build({ logLevel: 'warn', build: { outDir: productionBuild, emptyOutDir: true } })

const stack = await startStack(rounds('PORT', 4273), rounds('TRACKER_PORT', 8223), {
  testHooks: true,
  devnetPort: rounds('DEVNET_PORT', 8290),
})
const browser = await launchChromium()
try {
  if (ONLY_SAVE) await measureSaveRows()
  else await measureStreamingRows()
  async function measureStreamingRows() {
    const stream = await serveStockSite(browser)
    const streamRows = async (
      label: string,
      run: () => Promise<StreamFigures>,
      goals: { percent: number; firstFrameMs?: number },
    ) => {
      if (!streamRowWanted(label)) return
      console.log(`${label}: ours and stock alternating…`)
      const { ours, stock } = await run()
      const of = (rounds: typeof ours, key: 'firstFrame' | 'percentAtFirstFrame' | 'stalls' | 'stalledMs') =>
        rounds.map((round) => round[key])
      const firstFrameGoal = goals.firstFrameMs ? `≤ ${goals.firstFrameMs}` : ''
      const meetsFirstFrame = goals.firstFrameMs ? (ms: number) => ms <= (goals.firstFrameMs ?? 0) : undefined
      record(
        `${label}: add → first frame, ours`,
        'ms',
        of(ours, 'firstFrame'),
        firstFrameGoal,
        meetsFirstFrame,
      )
      record(`${label}: add → first frame, stock`, 'ms', of(stock, 'firstFrame'))
      const goal = `≤ ${goals.percent}`
      record(
        `${label}: downloaded at first frame, ours`,
        '%',
        of(ours, 'percentAtFirstFrame'),
        goal,
        (p) => p <= goals.percent,
      )
      record(`${label}: downloaded at first frame, stock`, '%', of(stock, 'percentAtFirstFrame'))
      record(`${label}: stalls after start, ours`, 'count', of(ours, 'stalls'), '0', (n) => n === 0)
      record(`${label}: stalls after start, stock`, 'count', of(stock, 'stalls'))
      record(`${label}: stalled time, ours`, 'ms', of(ours, 'stalledMs'))
      record(`${label}: stalled time, stock`, 'ms', of(stock, 'stalledMs'))
    }
    const streamOptions = { rounds: STREAM_ROUNDS, watchMs: 10_000 }
    await streamRows(
      '45 MB H.264/AAC MP4',
      () => measureRealisticStream(browser, stack, stream, { ...streamOptions, path: mp4Path }, progress),
      { percent: 15, firstFrameMs: 1000 },
    )
    await streamRows(
      '21 MB H.264/AC-3 MKV',
      () => measureRealisticStream(browser, stack, stream, { ...streamOptions, path: mkvPath }, progress),
      { percent: 20 },
    )
    await streamRows(
      '23 MB MP4, index at the end',
      () =>
        measureRealisticStream(browser, stack, stream, { ...streamOptions, path: indexLastPath }, progress),
      { percent: 20 },
    )
    await streamRows(
      '21 MB H.264/AAC MKV',
      () => measureRealisticStream(browser, stack, stream, { ...streamOptions, path: aacMkvPath }, progress),
      { percent: 20 },
    )
    await streamRows(
      '23 MB VP9 WebM',
      () => measureRealisticStream(browser, stack, stream, { ...streamOptions, path: webmPath }, progress),
      { percent: 20 },
    )
    // The seeder's upload at 1.5 × the film's bitrate (bytes over seconds), watched for 30 s.
    const filmBytes = statSync(mp4Path).size
    const uploadKBps = (1.5 * filmBytes) / FILM.seconds / 1000
    await streamRows(
      'MP4, link 1.5 × bitrate',
      () =>
        measureRealisticStream(
          browser,
          stack,
          stream,
          { rounds: STREAM_ROUNDS, watchMs: 30_000, path: mp4Path, uploadKBps },
          progress,
        ),
      { percent: 15 },
    )
    await stream.close()
  }
  async function measureSaveRows() {
    console.log('saving 2 GB with "Save file"…')
    const save = await measureSave(browser, stack.siteUrl)
    const peak = save.peakHeapAndBuffersBytes / MiB
    record('2 GB save: peak JS heap + ArrayBuffers', 'MiB', [peak], '≤ 150', (v) => v <= 150)
    const largest = save.largestBlobBytes / MiB
    record('2 GB save: largest Blob made', 'MiB', [largest], '≤ 1', (v) => v <= 1)
    record('2 GB save: add → saved', 's', [save.seconds])
  }
  if (ONLY_STREAMING || ONLY_SAVE) {
    // Keeps every other figure of the last full run.
    const previous = JSON.parse(await readFile(new URL('./results.json', import.meta.url), 'utf8')) as {
      figures: Record<string, Figure>
    }
    for (const [name, figure] of Object.entries(previous.figures)) figures[name] ??= figure
  }
  if (!ONLY_STREAMING && !ONLY_SAVE) await measureEverythingElse()
  if (!ONLY_STREAMING && !ONLY_SAVE && !SKIP_SAVE) await measureSaveRows()
  async function measureEverythingElse() {
    const bundle = await measureBundle(productionBuild)
    const budgetKb = INITIAL_LOAD_BUDGET_BYTES / 1000
    record('initial JS (gzip)', 'KB', [bundle.initialJsGzipBytes / 1000])
    record('initial CSS (gzip)', 'KB', [bundle.initialCssGzipBytes / 1000])
    const initialKb = (bundle.initialJsGzipBytes + bundle.initialCssGzipBytes) / 1000
    record('initial JS + CSS (gzip)', 'KB', [initialKb], `≤ ${budgetKb}`, (kb) => kb <= budgetKb)
    record('TronWeb chunk, lazy (gzip)', 'KB', [bundle.tronWebChunkGzipBytes / 1000], 'not initial', () => {
      return bundle.walletCodeInInitialLoad.length === 0
    })

    const stock = await serveStockSite(browser)
    console.log('first frame, ours and stock alternating…')
    const frames = await measureFirstFrame(browser, stack, stock, FIRST_FRAME_ROUNDS)
    const phase = (key: keyof FirstFrameRound) => frames.ours.map((round) => round[key])
    record('"Add torrent" → first frame, ours', 'ms', phase('firstFrame'), '≤ 1000', (ms) => ms <= 1000)
    record(
      'add → first frame, stock',
      'ms',
      frames.stock.map((round) => round.firstFrame),
    )
    record('seek to 80 % → frame, ours', 'ms', phase('seekToFrame'), '≤ 1000', (ms) => ms <= 1000)
    record(
      'seek to 80 % → frame, stock',
      'ms',
      frames.stock.map((round) => round.seekToFrame),
    )
    record('  ours: click → metadata', 'ms', phase('metadata'))
    record('  ours: click → Play shown', 'ms', phase('playClicked'))
    record('  ours: click → stream URL', 'ms', phase('streamUrl'))
    record('  ours: click → video metadata', 'ms', phase('loadedMetadata'))

    console.log('100 MB throughput: limit, ours (IndexedDB + tipping), stock, ours (memory store + tipping)…')
    const throughput = await measureThroughput(
      browser,
      { ...stack, devnet: stack.devnet! },
      stock,
      THROUGHPUT_ROUNDS,
      progress,
    )
    const { limit, ours, stock: stockMBps } = throughput.figures
    record('raw RTCDataChannel (limit)', 'MB/s', limit)
    record('ours: IndexedDB + tipping', 'MB/s', ours)
    record('stock WebTorrent (its default store)', 'MB/s', stockMBps)
    record('ours: memory store + tipping', 'MB/s', throughput.figures['ours-memory'])
    record('ours / limit, paired per round', 'ratio', paired(ours, limit), '≥ 0.90', (r) => r >= 0.9)
    record('ours / stock, paired per round', 'ratio', paired(ours, stockMBps), '> 1.15', (r) => r > 1.15)
    const idbOverMemory = paired(ours, throughput.figures['ours-memory'])
    record('IndexedDB / memory store, paired', 'ratio', idbOverMemory, '≥ 0.85', (r) => r >= 0.85)

    await throughput.closeSeeder()
    await stock.close()

    console.log('resume at ~50 % after a reload…')
    const resume = await measureResume(browser, stack.siteUrl, RESUME_ROUNDS)
    record('resume 100 MB: page load → first new byte', 'ms', resume, '≤ 1000', (ms) => ms <= 1000)

    console.log('streaming 1 GB to the end…')
    const memory = await measureStreamingMemory(browser, stack.siteUrl, MEMORY_ROUNDS)
    record(
      '1 GB stream: peak JS heap',
      'MiB',
      memory.map((m) => m.peakHeapBytes / MiB),
      '≤ 150',
      (v) => v <= 150,
    )
    record(
      '1 GB stream: peak ArrayBuffers',
      'MiB',
      memory.map((m) => m.peakArrayBufferBytes / MiB),
    )
    record(
      '1 GB stream: read speed',
      'MB/s',
      memory.map((m) => m.streamMBps),
    )

    console.log('load: 10 torrents from 20 peer connections in one tab…')
    console.log('10 000-file torrent open while it downloads…')
    for (const row of treeRows(await measureFileTree(browser, stack.siteUrl)))
      record(row.name, row.unit, row.samples, row.goal, row.meets)

    const load = await measureLoad(browser, stack.siteUrl)
    record('load: long tasks (> 50 ms) per minute', 'count', [load.longTasksPerMinute])
    record('load: longest task', 'ms', [load.longestTaskMs])
    record('load: input delay (all presses)', 'ms', load.inputDelaysMs)
    record('load: input delay p95', 'ms', [percentile(load.inputDelaysMs, 0.95)])
    record('load: peer connections (most seen at once)', 'count', [load.connections])
    record('load: time to download all 10 torrents', 's', [load.seconds])

    console.log('node requests during a tipping session…')
    const nodeRate = await measureNodeRate(browser, { ...stack, devnet: stack.devnet! }, progress)
    for (const side of ['leecher', 'seeder'] as const) {
      const { averagePerSecond, maxBurst } = nodeRate[side]
      record(
        `node requests per second, ${side} (session average)`,
        'req/s',
        [averagePerSecond],
        '≤ 1',
        (r) => r <= 1,
      )
      record(`node requests within 1 s, ${side} (max burst)`, 'count', [maxBurst], '≤ 5', (n) => n <= 5)
    }
  }

  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Chromium ${browser.version()}`
  console.log(`\nBenchmark, ${new Date().toISOString()}, ${machine}`)
  console.table(
    Object.fromEntries(
      Object.entries(figures).map(([name, f]) => [
        name,
        {
          min: fixed(f.min, f.unit),
          median: fixed(f.median, f.unit),
          max: fixed(f.max, f.unit),
          unit: f.unit,
          goal: f.goal,
          met: f.met === null ? '' : f.met ? 'yes' : 'NO',
        },
      ]),
    ),
  )
  console.log(`\nFor the README:\n\n${markdownTable(figures)}`)
  await writeFile(
    new URL('./results.json', import.meta.url),
    JSON.stringify({ date: new Date().toISOString(), machine, figures }, null, 2) + '\n',
  )
} finally {
  await browser.close()
  await stack.close()
}

function markdownTable(rows: Record<string, Figure>): string {
  const lines = Object.entries(rows).map(([name, f]) => {
    const cells = [f.min, f.median, f.max].map((value) => `${fixed(value, f.unit)} ${f.unit}`)
    const met = f.met === null ? '' : f.met ? 'yes' : 'no'
    return `| ${name.trim()} | ${cells.join(' | ')} | ${f.goal} | ${met} |`
  })
  return [
    '| figure | min | median | max | goal | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...lines,
  ].join('\n')
}

function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN
}

function fixed(value: number, unit: string): string {
  return value.toFixed(unit === 'ms' ? 0 : unit === 'ratio' ? 2 : 1)
}
