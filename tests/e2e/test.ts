/**
 * The `test` every end-to-end spec imports. It watches every page of every browser context a test
 * opens and fails the test at its end on an uncaught exception, an unhandled promise rejection or a
 * console error, unless the test declared it with `expectProblems(pattern, reason)`. It is automatic
 * so that a new spec or a new helper cannot forget it.
 */
import { test as base, expect, type Browser, type BrowserContext } from '@playwright/test'

/** What the init script logs for a rejection nobody handled, so it reads as a console error. */
export const UNHANDLED_REJECTION = 'unhandled rejection:'

export type ExpectProblems = (pattern: RegExp, reason: string) => void

interface Fixtures {
  /** Declares console errors or page errors the test provokes on purpose; the reason is documentation. */
  expectProblems: ExpectProblems
}

/** Runs in each page before its own scripts. Chromium also reports these as page errors; the marker makes the cause plain. */
function reportUnhandledRejections(marker: string): void {
  addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
    const reason: unknown = event.reason
    console.error(marker, reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason))
  })
}

class ProblemLog {
  private readonly seen: string[] = []
  private readonly expected: RegExp[] = []
  private readonly watched = new WeakSet<BrowserContext>()

  async watch(context: BrowserContext): Promise<void> {
    if (this.watched.has(context)) return
    this.watched.add(context)
    // Context-wide events cover pages opened later, popups and reloads alike.
    context.on('weberror', (error) => this.seen.push(`page error: ${error.error().message}`))
    context.on('console', (message) => {
      // A failed load names no URL in its text; its location does, and says which request failed.
      if (message.type() === 'error')
        this.seen.push(`console error: ${message.text()} (at ${message.location().url || 'unknown'})`)
    })
    await context.addInitScript(reportUnhandledRejections, UNHANDLED_REJECTION)
  }

  expect(pattern: RegExp): void {
    this.expected.push(pattern)
  }

  unexpected(): string[] {
    return this.seen.filter((problem) => !this.expected.some((pattern) => pattern.test(problem)))
  }
}

/** Makes `browser.newContext` hand every new context to the log; returns the undo. */
function watchNewContexts(browser: Browser, log: ProblemLog): () => void {
  const original = browser.newContext.bind(browser)
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const context = await original(...args)
    await log.watch(context)
    return context
  }
  return () => {
    browser.newContext = original
  }
}

export const test = base.extend<Fixtures & { problemLog: ProblemLog }>({
  problemLog: [
    async ({ browser }, use) => {
      const log = new ProblemLog()
      const restore = watchNewContexts(browser, log)
      try {
        await use(log)
      } finally {
        restore()
      }
      expect(
        log.unexpected(),
        'page errors, unhandled rejections or console errors the test did not expect',
      ).toEqual([])
    },
    { auto: true },
  ],
  expectProblems: async ({ problemLog }, use) => {
    await use((pattern) => problemLog.expect(pattern))
  },
  // Tests that use the built-in page get it watched as well.
  context: async ({ context, problemLog }, use) => {
    await problemLog.watch(context)
    await use(context)
  },
})

export { expect }
export type { Browser, BrowserContext, Locator, Page } from '@playwright/test'
