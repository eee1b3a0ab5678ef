/**
 * Load: one tab downloading 10 torrents at once from 20 peer connections (four seeding tabs, each
 * torrent seeded by two of them), at full speed. While it runs, a simulated user presses a key every
 * 250 ms; the page records how long each press waited before its handler ran (input delay) and every
 * long task (> 50 ms) the browser reports.
 */
import type { Browser } from '@playwright/test'
import { openAppPeer, seedFile, type AppPeer } from './app-peer.ts'
import { withDeadline } from './deadline.ts'
import { writeRandomFile } from './random-file.ts'

const TORRENTS = 10
const SEEDING_TABS = 4
const TORRENT_BYTES = 20 * 1024 * 1024
const KEY_INTERVAL_MS = 250

export interface LoadFigures {
  seconds: number
  longTasksPerMinute: number
  longestTaskMs: number
  inputDelaysMs: number[]
  connections: number
}

export async function measureLoad(browser: Browser, siteUrl: string): Promise<LoadFigures> {
  const seeders: AppPeer[] = []
  try {
    for (let tab = 0; tab < SEEDING_TABS; tab++) seeders.push(await openAppPeer(browser, siteUrl))
    const magnets: string[] = []
    for (let torrent = 0; torrent < TORRENTS; torrent++) {
      const path = await writeRandomFile(`load-${torrent}.bin`, TORRENT_BYTES)
      // The same file seeded by two tabs gives the same magnet: two peers for that torrent.
      const first = seeders[torrent % SEEDING_TABS]!
      const second = seeders[(torrent + 1) % SEEDING_TABS]!
      magnets.push(await seedFile(first.page, path))
      await seedFile(second.page, path)
    }
    const leecher = await openAppPeer(browser, siteUrl)
    try {
      return await withDeadline(downloadAll(leecher, magnets), 600_000, 'the load run')
    } finally {
      await leecher.close()
    }
  } finally {
    for (const seeder of seeders) await seeder.close()
  }
}

async function downloadAll(leecher: AppPeer, magnets: string[]): Promise<LoadFigures> {
  const { page } = leecher
  await page.evaluate(() => {
    const watch = window as unknown as { benchLongTasks: number[]; benchInputDelays: number[] }
    watch.benchLongTasks = []
    watch.benchInputDelays = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) watch.benchLongTasks.push(entry.duration)
    }).observe({ type: 'longtask' })
    // event.timeStamp is when the browser received the input; the handler runs when the page is free.
    addEventListener('keydown', (event) => watch.benchInputDelays.push(performance.now() - event.timeStamp), {
      capture: true,
    })
  })
  const start = Date.now()
  const box = page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' })
  for (const magnet of magnets) {
    await box.fill(magnet)
    await page.getByRole('button', { name: 'Add torrent' }).click()
    await page
      .getByRole('list', { name: 'Torrents' })
      .getByRole('listitem')
      .nth(magnets.indexOf(magnet))
      .waitFor()
  }
  let connections = 0
  await page.locator('body').focus()
  for (;;) {
    await page.keyboard.press('Shift')
    await page.waitForTimeout(KEY_INTERVAL_MS)
    const state = await page.evaluate(() => {
      const bars = [...document.querySelectorAll('[role="progressbar"]')]
      return {
        complete: bars.filter((bar) => bar.getAttribute('aria-valuenow') === '100').length,
        peers: [...document.querySelectorAll('.torrent-stats')]
          .map((stats) => Number(/(\d+) peers?/.exec(stats.textContent ?? '')?.[1] ?? 0))
          .reduce((sum, count) => sum + count, 0),
      }
    })
    connections = Math.max(connections, state.peers)
    if (state.complete === magnets.length) break
  }
  const seconds = (Date.now() - start) / 1000
  const { longTasks, inputDelays } = await page.evaluate(() => {
    const watch = window as unknown as { benchLongTasks: number[]; benchInputDelays: number[] }
    return { longTasks: watch.benchLongTasks, inputDelays: watch.benchInputDelays }
  })
  return {
    seconds,
    longTasksPerMinute: longTasks.length / (seconds / 60),
    longestTaskMs: Math.max(0, ...longTasks),
    inputDelaysMs: inputDelays,
    connections,
  }
}
