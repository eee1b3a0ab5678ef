/**
 * Storage figures: download throughput of a 100 MB torrent from one browser peer with the IndexedDB
 * store vs WebTorrent's in-memory store (alternating, same seeder, same run), and the time from page
 * load to the first new byte when a half-downloaded torrent resumes after a reload.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { openApp } from './browser.ts'

const SIZE = 100 * 1024 * 1024
const MB = 1_000_000

export interface StorageFigures {
  indexedDbMBps: number[]
  memoryMBps: number[]
  resumeFirstByteMs: number[]
}

export async function measureStorage(
  browser: Browser,
  siteUrl: string,
  rounds: number,
): Promise<StorageFigures> {
  const directory = await mkdtemp(join(tmpdir(), 'bench-'))
  const filePath = join(directory, 'bench-100mb.bin')
  await writeFile(filePath, randomBytes(SIZE))

  const seederContext = await browser.newContext()
  const seeder = await seederContext.newPage()
  await seeder.goto(siteUrl)
  await seeder.getByLabel('Seed files').setInputFiles(filePath)
  await seeder
    .getByRole('progressbar', { name: 'Download progress' })
    .and(seeder.locator('[aria-valuenow="100"]'))
    .waitFor({ timeout: 300_000 })
  const magnet = (await seeder.locator('.magnet code').textContent()) ?? ''

  const figures: StorageFigures = { indexedDbMBps: [], memoryMBps: [], resumeFirstByteMs: [] }
  for (let round = 0; round < rounds; round++) {
    const order: ('indexeddb' | 'memory')[] =
      round % 2 === 0 ? ['indexeddb', 'memory'] : ['memory', 'indexeddb']
    for (const store of order) {
      const seconds = (await timeDownload(browser, siteUrl, magnet, store)) / 1000
      ;(store === 'memory' ? figures.memoryMBps : figures.indexedDbMBps).push(SIZE / MB / seconds)
    }
    figures.resumeFirstByteMs.push(await timeResume(browser, siteUrl, magnet))
  }
  await seederContext.close()
  return figures
}

/** Milliseconds from clicking "Add torrent" to the progress bar reading 100 (sampled every 250 ms). */
async function timeDownload(
  browser: Browser,
  siteUrl: string,
  magnet: string,
  store: 'indexeddb' | 'memory',
) {
  const page = await openApp(browser, siteUrl)
  if (store === 'memory') await page.evaluate(() => localStorage.setItem('bench:store', 'memory'))
  await page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' }).fill(magnet)
  const elapsed = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const add = [...document.querySelectorAll('button')].find(
          (button) => button.textContent === 'Add torrent',
        )
        const start = performance.now()
        add?.click()
        const timer = setInterval(() => {
          if (document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100') {
            clearInterval(timer)
            resolve(performance.now() - start)
          }
        }, 20)
      }),
  )
  await page.context().close()
  return elapsed
}

/** Downloads to about half under a speed limit, lifts it, reloads, and reads the first-byte mark. */
async function timeResume(browser: Browser, siteUrl: string, magnet: string): Promise<number> {
  const page = await openApp(browser, siteUrl)
  await setDownloadLimit(page, '3000')
  await page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' }).fill(magnet)
  await page.getByRole('button', { name: 'Add torrent' }).click()
  await page.waitForFunction(
    () => Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')) >= 50,
    undefined,
    { timeout: 120_000, polling: 100 },
  )
  await setDownloadLimit(page, '')
  await page.reload()
  const firstByte = await page.waitForFunction(
    () =>
      performance.getEntriesByType('mark').find((mark) => mark.name.startsWith('torrent:first-byte:'))
        ?.startTime,
    undefined,
    { timeout: 60_000, polling: 20 },
  )
  const ms = Number(await firstByte.jsonValue())
  await page.context().close()
  return ms
}

async function setDownloadLimit(page: Page, kBps: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.getByLabel('Download limit (kB/s)').fill(kBps)
  await dialog.getByRole('button', { name: 'Done' }).click()
}
