/**
 * The app in a fresh browser profile, driven as a user would (by role and accessible name), with the
 * end-to-end tests' TronLink-compatible wallet when tipping is measured. Keys stay in Node.
 */
import { basename } from 'node:path'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import type { RunningDevnet } from '../tools/devnet/server.ts'
import { TestWallet } from '../tests/e2e/test-wallet.ts'
import { ACCOUNTS, account } from '../tests/e2e/wallet-fixtures.ts'
import { installPageTimers } from './page-timers.ts'

export interface AppPeer {
  page: Page
  close: () => Promise<void>
}

/**
 * Opens the app with its streaming worker in control; with `wallet`, that account is connected;
 * `prepare` runs on the new context before the page loads (init scripts).
 */
export async function openAppPeer(
  browser: Browser,
  siteUrl: string,
  wallet?: { devnet: RunningDevnet; account: string },
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<AppPeer> {
  const context = await browser.newContext()
  await installPageTimers(context)
  await prepare?.(context)
  if (wallet) await TestWallet.install(context, ACCOUNTS, wallet.account, wallet.devnet.url)
  const page = await context.newPage()
  await page.goto(siteUrl)
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
  if (wallet) {
    await page.getByRole('button', { name: 'Connect wallet' }).click()
    await page
      .getByRole('region', { name: 'Wallet' })
      .locator(`[data-address="${account(wallet.account).address}"]`)
      .waitFor({ state: 'attached' })
  }
  return { page, close: () => context.close() }
}

/** "Receive tips": peers can now verify this page's address and pay it. */
export async function shareAddress(page: Page): Promise<void> {
  const wallet = page.getByRole('region', { name: 'Wallet' })
  await wallet.getByRole('button', { name: 'Receive tips' }).click()
  await wallet.getByText('Peers can tip you').waitFor()
}

/** Funds and starts a tipping session (one wallet prompt, which the test wallet approves). */
export async function startTipping(page: Page, rateTrxPerGB: number, budgetTrx: number): Promise<void> {
  const panel = page.getByRole('region', { name: 'Tipping session' })
  await panel.getByRole('textbox', { name: 'Tip rate (TRX per GB)' }).fill(String(rateTrxPerGB))
  await panel.getByRole('textbox', { name: 'Session budget (TRX)' }).fill(String(budgetTrx))
  await panel.getByRole('button', { name: 'Start tipping' }).click()
  await page
    .locator('[data-status="active"]')
    .and(page.getByRole('region', { name: 'Tipping session' }))
    .waitFor({ timeout: 60_000 })
}

/** Seeds a file from disk and returns its magnet link once every piece is stored. */
export async function seedFile(page: Page, path: string, timeoutMs = 300_000): Promise<string> {
  await page.getByLabel('Seed files').setInputFiles(path)
  const item = page.getByRole('list', { name: 'Torrents' }).getByRole('listitem', { name: basename(path) })
  await item
    .getByRole('progressbar', { name: 'Download progress' })
    .and(page.locator('[aria-valuenow="100"]'))
    .waitFor({ timeout: timeoutMs })
  // The magnet shown is the selected torrent's: select this one (a page may seed several).
  await item.getByRole('button', { name: 'Details' }).click()
  return (await page.locator('.magnet code').textContent()) ?? ''
}

/**
 * Clicks "Add torrent" for `magnet` and resolves with the milliseconds until the engine's
 * `torrent:done:` mark (every piece verified and stored), timed inside the page.
 */
export async function timeAddToDone(page: Page, magnet: string): Promise<number> {
  await page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' }).fill(magnet)
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const add = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Add torrent')
        const start = performance.now()
        new PerformanceObserver((list, observer) => {
          const done = list.getEntries().find((entry) => entry.name.startsWith('torrent:done:'))
          if (!done) return
          observer.disconnect()
          resolve(done.startTime - start)
        }).observe({ type: 'mark' })
        add?.click()
      }),
  )
}
