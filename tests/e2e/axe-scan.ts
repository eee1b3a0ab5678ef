/**
 * The axe scan of one part of the page, in the light and the dark theme: its serious and critical
 * violations as readable lines. The scanner's source is evaluated through the DevTools protocol,
 * which the page's CSP does not govern, so the page keeps its policy (an inline script tag would
 * need a context opened with `bypassCSP`, which would also lift the policy from the app's workers).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AxeResults } from 'axe-core'
import { expect, type Page } from './test'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export async function axeViolationsIn(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const found: string[] = []
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    const results = await page.evaluate(
      (context) =>
        (window as unknown as { axe: { run: (context: string) => Promise<AxeResults> } }).axe.run(context),
      selector,
    )
    // A scan that checked nothing would pass silently.
    expect(results.passes.length, `axe checked ${selector}`).toBeGreaterThan(3)
    for (const violation of results.violations)
      if (violation.impact === 'serious' || violation.impact === 'critical')
        found.push(
          `${colorScheme}: ${violation.id} (${violation.help}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
        )
  }
  await page.emulateMedia({ colorScheme: 'light' })
  return found
}
