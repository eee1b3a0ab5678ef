/**
 * Accessibility: axe-core scans every view (serious and critical violations fail the test), and the
 * demo video is added and played with the keyboard alone.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from './test'
import type { AxeResults } from 'axe-core'
import { closePeers, openPeer, torrentItem, videoTime } from './helpers'
import { account, connectWallet, devnet, installWallet } from './wallet-fixtures'

const require = createRequire(import.meta.url)
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js')

// The app's CSP allows scripts from its own origin only, and addScriptTag inlines the file's text, which
// that CSP blocks. The scanner is test-only, so its contexts bypass the CSP; the app's own code runs the
// same either way, and every other test keeps the CSP on.
const SCANNER = { bypassCSP: true }

interface Finding {
  id: string
  impact: string
  help: string
  targets: string[]
}

/** Runs axe on the whole page and returns the serious and critical violations, in a readable form. */
async function seriousViolations(page: Page, view: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT })
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run(),
  )
  // A scan that checked nothing would pass silently: make sure the rules ran.
  expect(results.passes.length, `axe checked ${view}`).toBeGreaterThan(10)
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: `${view}: ${violation.id}`,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }))
}

/** Scans the page in the light and the dark theme: contrast is checked in both. */
async function scanBothThemes(page: Page, view: string): Promise<Finding[]> {
  await page.emulateMedia({ colorScheme: 'light' })
  const light = await seriousViolations(page, `${view} (light)`)
  await page.emulateMedia({ colorScheme: 'dark' })
  const dark = await seriousViolations(page, `${view} (dark)`)
  await page.emulateMedia({ colorScheme: 'light' })
  return [...light, ...dark]
}

test('no serious or critical axe violations on any view, light or dark', async ({ browser }) => {
  const visitor = await openPeer(browser, undefined, SCANNER)
  const { page } = visitor
  const findings: Finding[] = []

  findings.push(...(await scanBothThemes(page, 'first visit')))

  await page.getByRole('button', { name: 'Try the demo video' }).click()
  await expect(torrentItem(page, 'test-pattern.webm')).toBeVisible()
  await expect.poll(() => videoTime(page), { timeout: 30_000 }).toBeGreaterThan(0.5)
  findings.push(...(await scanBothThemes(page, 'torrent playing with details')))

  // A second tab of the app defers to this one, and says so.
  const otherTab = await visitor.context.newPage()
  await otherTab.goto('/')
  await expect(otherTab.getByRole('button', { name: 'Run here' })).toBeVisible()
  findings.push(...(await scanBothThemes(otherTab, 'another tab running the app')))
  await otherTab.close()

  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await expect(settings).toBeVisible()
  findings.push(...(await scanBothThemes(page, 'settings dialog')))
  await settings.getByRole('button', { name: 'Done' }).click()
  await expect(settings).toBeHidden()

  await page.getByRole('link', { name: 'Receipts' }).click()
  await expect(page.getByRole('heading', { name: 'Receipts' })).toBeVisible()
  findings.push(...(await scanBothThemes(page, 'receipts page')))

  expect(findings).toEqual([])
  await closePeers(visitor)
})

test('no serious or critical axe violations with a wallet connected and the tip dialog open', async ({
  browser,
}) => {
  const node = await devnet()
  try {
    const setup = installWallet(node, 'alice')
    const visitor = await openPeer(browser, setup.prepare, SCANNER)
    const { page } = visitor
    await connectWallet(visitor, account('alice').address)
    const findings = await scanBothThemes(page, 'wallet connected')

    await page.getByRole('button', { name: 'Send a tip' }).click()
    const dialog = page.getByRole('dialog', { name: 'Send a tip' })
    await expect(dialog).toBeVisible()
    findings.push(...(await scanBothThemes(page, 'tip dialog')))

    expect(findings).toEqual([])
    await closePeers(visitor)
  } finally {
    await node.close()
  }
})

/** Presses Tab until the focused element is the button with this name (a keyboard user's way there). */
async function tabTo(page: Page, name: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press(key)
    const focused = await page.evaluate(() => {
      const element = document.activeElement
      return element instanceof HTMLElement ? element.innerText.trim() || element.ariaLabel || '' : ''
    })
    if (focused === name) {
      // The focus ring must be visible where the keyboard is (:focus-visible styles).
      const outline = await page.evaluate(
        () => getComputedStyle(document.activeElement as Element).outlineStyle,
      )
      expect(outline, `focus ring on "${name}"`).not.toBe('none')
      return
    }
  }
  throw new Error(`Tab never reached a control named "${name}"`)
}

test('the demo video is added and played with the keyboard alone', async ({ browser }) => {
  const visitor = await openPeer(browser)
  const { page } = visitor

  await tabTo(page, 'Try the demo video')
  await page.keyboard.press('Enter')
  await expect(torrentItem(page, 'test-pattern.webm')).toBeVisible()
  // The demo starts playing by itself; close the player and start it again from the file's Play button.
  await expect.poll(() => videoTime(page), { timeout: 30_000 }).toBeGreaterThan(0.5)
  await tabTo(page, 'Close player')
  await page.keyboard.press('Space')
  await expect(page.locator('video')).toHaveCount(0)

  await tabTo(page, 'Play')
  await page.keyboard.press('Enter')
  await expect.poll(() => videoTime(page), { timeout: 30_000 }).toBeGreaterThan(1)

  await closePeers(visitor)
})

test('no serious or critical axe violations in the question a magnet link asks', async ({ browser }) => {
  const visitor = await openPeer(browser, undefined, SCANNER)
  const { page } = visitor
  const magnet = `magnet:?xt=urn:btih:${'ab'.repeat(20)}&dn=scan.bin&tr=${encodeURIComponent('ws://127.0.0.1:1')}`
  await page.goto(`/?magnet=${encodeURIComponent(magnet)}`)
  const dialog = page.getByRole('dialog', { name: 'Add this torrent?' })
  await expect(dialog).toBeVisible()
  const findings = await scanBothThemes(page, 'magnet link question')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  expect(findings).toEqual([])
  await closePeers(visitor)
})

test('no serious or critical axe violations in a seeded folder’s file tree', async ({ browser }) => {
  const root = join(await mkdtemp(join(tmpdir(), 'tipping-torrent-scan-')), 'scan-folder')
  for (const folder of ['docs', 'docs/old', 'pictures']) await mkdir(join(root, folder), { recursive: true })
  for (const file of ['docs/a.txt', 'docs/old/b.txt', 'pictures/c.txt', 'readme.txt'])
    await writeFile(join(root, file), `${file} ${Date.now()}`)
  const visitor = await openPeer(browser, undefined, SCANNER)
  const { page } = visitor
  await page.getByLabel('Seed a folder').setInputFiles(root)
  await torrentItem(page, 'scan-folder').click()
  const files = page.getByRole('list', { name: 'Files' })
  await expect(files.getByRole('listitem', { name: 'Folder docs/old', exact: true })).toBeVisible()
  await page.getByRole('checkbox', { name: 'Download folder docs/old', exact: true }).uncheck()
  await expect(page.getByRole('checkbox', { name: 'Download folder docs', exact: true })).toHaveAttribute(
    'aria-checked',
    'mixed',
  )
  const findings = await scanBothThemes(page, 'file tree, one folder mixed')
  await page.getByRole('searchbox', { name: 'Filter files by name' }).fill('nothing matches this')
  await expect(page.getByRole('status').filter({ hasText: 'No file name contains' })).toBeVisible()
  findings.push(...(await scanBothThemes(page, 'file tree, filter without a match')))
  expect(findings).toEqual([])
  await closePeers(visitor)
})
