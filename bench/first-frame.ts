/**
 * Time from clicking "Add torrent" (a magnet from a browser peer) to the first decoded video frame,
 * with a simulated user who clicks "Play" the moment it appears. The clock runs in the page
 * (performance.now) so Playwright's round trips are not counted.
 */
import type { Browser } from '@playwright/test'
import { fileURLToPath } from 'node:url'
import { openApp } from './browser.ts'

const SAMPLE_VIDEO = fileURLToPath(new URL('../public/demo/test-pattern.webm', import.meta.url))

export async function measureFirstFrame(
  browser: Browser,
  siteUrl: string,
  rounds: number,
): Promise<number[]> {
  const seederContext = await browser.newContext()
  const seeder = await seederContext.newPage()
  await seeder.goto(siteUrl)
  await seeder.getByLabel('Seed files').setInputFiles(SAMPLE_VIDEO)
  await seeder.getByRole('button', { name: 'Copy magnet link' }).waitFor()
  const magnet = (await seeder.locator('.magnet code').textContent()) ?? ''

  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    const page = await openApp(browser, siteUrl)
    await page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' }).fill(magnet)
    const elapsed = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const addButton = [...document.querySelectorAll('button')].find(
            (b) => b.textContent === 'Add torrent',
          )
          const clickPlayWhenShown = new MutationObserver(() => {
            const play = [...document.querySelectorAll('button')].find(
              (b) => b.textContent?.trim() === 'Play',
            )
            const video = document.querySelector('video')
            if (play && !video) play.click()
            if (video) {
              clickPlayWhenShown.disconnect()
              video.requestVideoFrameCallback(() => resolve(performance.now() - start))
            }
          })
          clickPlayWhenShown.observe(document.body, { childList: true, subtree: true })
          const start = performance.now()
          addButton?.click()
        }),
    )
    samples.push(elapsed)
    await page.context().close()
  }
  await seederContext.close()
  return samples
}
