/** Launching Debian's Chromium for the benchmark with the same flags as the end-to-end tests. */
import { chromium, type Browser, type Page } from '@playwright/test'
import { CHROMIUM_PATH, chromiumArgs } from '../tools/chromium.ts'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs() })
}

/** A fresh browser profile with the app loaded and its streaming worker in control. */
export async function openApp(browser: Browser, siteUrl: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto(siteUrl)
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
  return page
}
