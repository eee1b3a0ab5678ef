/**
 * A torrent of 10 000 small files open in the details view and downloading (throttled, so it still
 * is for the whole window): for a minute, a simulated user clicks the file list's checkboxes and
 * types, every 500 ms. The page records each input's delay before its handler ran, each event's
 * Event Timing duration (input to next paint) and every long task (> 50 ms).
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { openAppPeer, type AppPeer } from './app-peer.ts'
import { withDeadline } from './deadline.ts'

const FOLDERS = 10
const SUBFOLDERS = 10
const FILES_PER_FOLDER = 100
const FILE_BYTES = 1024
/** 10 MB at this pace lasts well beyond the window. */
const DOWNLOAD_LIMIT_KBPS = '100'
const WINDOW_MS = 60_000
const ACTION_INTERVAL_MS = 500

export interface TreeFigures {
  files: number
  seconds: number
  /** Over the minute of clicks and typing, once the list is shown. */
  longTasksPerMinute: number
  longestTaskMs: number
  /** From the add to the list shown (metadata in, files described, first rows drawn). */
  longestTaskWhileAddingMs: number
  inputDelaysMs: number[]
  eventDurationsMs: number[]
  /** Rows in the file list once shown: what the document carries. */
  rows: number
  /** Added → file list shown. */
  listShownMs: number
}

/** `tree-bench/f<i>/s<j>/f<i>-s<j>-n<k>.bin`: names unique even without their folders. */
async function writeTree(): Promise<{ root: string; paths: string[] }> {
  const root = join(await mkdtemp(join(tmpdir(), 'bench-tree-')), 'tree-bench')
  const paths: string[] = []
  const stamp = `${Date.now()}-${Math.random()}`
  for (let i = 0; i < FOLDERS; i++) {
    for (let j = 0; j < SUBFOLDERS; j++) {
      const folder = join(root, `f${i}`, `s${j}`)
      await mkdir(folder, { recursive: true })
      for (let k = 0; k < FILES_PER_FOLDER; k++) {
        const path = join(folder, `f${i}-s${j}-n${String(k).padStart(3, '0')}.bin`)
        await writeFile(path, `${stamp} ${i} ${j} ${k} `.padEnd(FILE_BYTES, '.'))
        paths.push(path)
      }
    }
  }
  return { root, paths }
}

export async function measureFileTree(browser: Browser, siteUrl: string): Promise<TreeFigures> {
  const { root, paths } = await writeTree()
  const seeder = await openAppPeer(browser, siteUrl)
  let leecher: AppPeer | null = null
  try {
    const magnet = await withDeadline(seedTree(seeder.page, root, paths), 600_000, 'seeding 10 000 files')
    leecher = await openAppPeer(browser, siteUrl)
    return await withDeadline(watch(leecher.page, magnet, paths.length), 600_000, 'the file tree run')
  } finally {
    await leecher?.close()
    await seeder.close()
  }
}

/** Seeds the folder whole where the page offers it, else its 10 000 files (an older build). */
async function seedTree(page: Page, root: string, paths: string[]): Promise<string> {
  const folderInput = page.getByLabel('Seed a folder')
  if ((await folderInput.count()) > 0) await folderInput.setInputFiles(root)
  else await page.getByLabel('Seed files').setInputFiles(paths)
  await page
    .getByRole('list', { name: 'Torrents' })
    .getByRole('progressbar', { name: 'Download progress' })
    .and(page.locator('[aria-valuenow="100"]'))
    .waitFor({ timeout: 600_000 })
  // The seeded torrent is the selected one: its magnet is the one shown.
  return (await page.locator('.magnet code').textContent()) ?? ''
}

async function watch(page: Page, magnet: string, files: number): Promise<TreeFigures> {
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.getByLabel('Download limit (kB/s)').fill(DOWNLOAD_LIMIT_KBPS)
  await dialog.getByRole('button', { name: 'Done' }).click()
  await dialog.waitFor({ state: 'hidden' })

  await page.evaluate(() => {
    const watch = window as unknown as {
      benchLongTasks: number[]
      benchInputDelays: number[]
      benchEvents: number[]
    }
    watch.benchLongTasks = []
    watch.benchInputDelays = []
    watch.benchEvents = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) watch.benchLongTasks.push(entry.startTime, entry.duration)
    }).observe({ type: 'longtask' })
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name === 'click' || entry.name === 'keydown') watch.benchEvents.push(entry.duration)
      }
    }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit)
    // event.timeStamp is when the browser received the input; the handler runs when the page is free.
    for (const type of ['keydown', 'click'])
      addEventListener(type, (event) => watch.benchInputDelays.push(performance.now() - event.timeStamp), {
        capture: true,
      })
  })

  const added = Date.now()
  const box = page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' })
  await box.fill(magnet)
  await page.getByRole('button', { name: 'Add torrent' }).click()
  const list = page.getByRole('list', { name: 'Files' })
  await list.getByRole('checkbox').first().waitFor({ timeout: 300_000 })
  const listShownMs = Date.now() - added
  const rows = await list.getByRole('listitem').count()

  const windowStart = await page.evaluate(() => performance.now())
  const start = Date.now()
  for (let step = 0; Date.now() - start < WINDOW_MS; step++) {
    if (step % 2 === 0)
      await list
        .getByRole('checkbox')
        .nth(step % 8)
        .click()
    else await box.press(step % 4 === 1 ? 'a' : 'Backspace')
    await page.waitForTimeout(ACTION_INTERVAL_MS)
  }
  const seconds = (Date.now() - start) / 1000
  const watched = await page.evaluate(() => {
    const watch = window as unknown as {
      benchLongTasks: number[]
      benchInputDelays: number[]
      benchEvents: number[]
    }
    return { longTasks: watch.benchLongTasks, inputDelays: watch.benchInputDelays, events: watch.benchEvents }
  })
  // Pairs of (start, duration): split at the window's start.
  const during: number[] = []
  const adding: number[] = []
  for (let i = 0; i + 1 < watched.longTasks.length; i += 2) {
    const [startTime = 0, duration = 0] = watched.longTasks.slice(i, i + 2)
    ;(startTime >= windowStart ? during : adding).push(duration)
  }
  return {
    files,
    seconds,
    longTasksPerMinute: during.length / (seconds / 60),
    longestTaskMs: Math.max(0, ...during),
    longestTaskWhileAddingMs: Math.max(0, ...adding),
    inputDelaysMs: watched.inputDelays,
    eventDurationsMs: watched.events,
    rows,
    listShownMs,
  }
}

export interface TreeRow {
  name: string
  unit: string
  samples: number[]
  goal?: string
  meets?: (median: number) => boolean
}

/** The benchmark's rows for one run (the same in the full run and in `BENCH_ONLY=tree`). */
export function treeRows(figures: TreeFigures): TreeRow[] {
  const label = `${figures.files} files`
  return [
    { name: `${label}: added → file list shown`, unit: 'ms', samples: [figures.listShownMs] },
    { name: `${label}: rows in the document`, unit: 'rows', samples: [figures.rows] },
    {
      name: `${label}: longest task, add → list shown`,
      unit: 'ms',
      samples: [figures.longestTaskWhileAddingMs],
    },
    { name: `${label}: long tasks per minute`, unit: '/min', samples: [figures.longTasksPerMinute] },
    {
      name: `${label}: longest task`,
      unit: 'ms',
      samples: [figures.longestTaskMs],
      goal: '≤ 100',
      meets: (ms) => ms <= 100,
    },
    { name: `${label}: p95 input delay`, unit: 'ms', samples: [percentile(figures.inputDelaysMs, 0.95)] },
    {
      name: `${label}: slowest input → next paint`,
      unit: 'ms',
      samples: [Math.max(0, ...figures.eventDurationsMs)],
    },
  ]
}

function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN
}
