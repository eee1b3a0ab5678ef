/**
 * Resume: a 100 MB torrent downloaded to about half under a speed limit, the limit lifted, the page
 * reloaded; the figure is the time from page load to the first new byte (the engine's
 * `torrent:first-byte:` mark, timed from navigation start).
 */
import type { Browser, Page } from '@playwright/test'
import { openAppPeer, seedFile } from './app-peer.ts'
import { BENCH_FILE_BYTES, writeRandomFile } from './random-file.ts'

export async function measureResume(browser: Browser, siteUrl: string, rounds: number): Promise<number[]> {
  const seeder = await openAppPeer(browser, siteUrl)
  try {
    const magnet = await seedFile(seeder.page, await writeRandomFile('bench-resume.bin', BENCH_FILE_BYTES))
    const samples: number[] = []
    for (let round = 0; round < rounds; round++) samples.push(await timeResume(browser, siteUrl, magnet))
    return samples
  } finally {
    await seeder.close()
  }
}

async function timeResume(browser: Browser, siteUrl: string, magnet: string): Promise<number> {
  const { page, close } = await openAppPeer(browser, siteUrl)
  try {
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
    return Number(await firstByte.jsonValue())
  } finally {
    await close()
  }
}

async function setDownloadLimit(page: Page, kBps: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.getByLabel('Download limit (kB/s)').fill(kBps)
  await dialog.getByRole('button', { name: 'Done' }).click()
}
