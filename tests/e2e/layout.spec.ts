/**
 * Layout: no horizontal scrolling on a 360 px phone, and the screenshots in the README (docs/screenshots)
 * are taken here, so they show the app as it is.
 */
import { expect, test, type Page } from './test'
import { closePeers, openPeer, torrentItem, videoTime } from './helpers'

const PHONE = { width: 360, height: 740 }
const DESKTOP = { width: 1280, height: 800 }
const SHOTS = 'docs/screenshots'

async function expectNoHorizontalScroll(page: Page, view: string): Promise<void> {
  const sizes = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement
    // Named in the failure message: the elements that reach past the right edge.
    const wide = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 0.5)
      .filter(
        (element) => (element.parentElement?.getBoundingClientRect().right ?? 0) <= root.clientWidth + 0.5,
      )
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`)
      .slice(0, 8)
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide }
  })
  expect(
    sizes.scrollWidth,
    `${view}: page ${sizes.scrollWidth} px wide (${sizes.wide.join(', ')})`,
  ).toBeLessThanOrEqual(sizes.clientWidth)
}

async function addDemoAndPlay(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Try the demo video' }).click()
  await expect(torrentItem(page, 'test-pattern.webm')).toBeVisible()
  await expect.poll(() => videoTime(page), { timeout: 30_000 }).toBeGreaterThan(1)
  // A still frame for the screenshot: the test pattern moves.
  await page.locator('video').evaluate((video: HTMLVideoElement) => video.pause())
}

test('a 360 px wide screen never scrolls sideways: first visit, a torrent playing, receipts', async ({
  browser,
}) => {
  const visitor = await openPeer(browser, undefined, { viewport: PHONE })
  const { page } = visitor

  await expectNoHorizontalScroll(page, 'first visit')
  await page.screenshot({ path: `${SHOTS}/first-visit-360.png`, fullPage: true })

  await addDemoAndPlay(page)
  await expectNoHorizontalScroll(page, 'torrent playing')
  await page.screenshot({ path: `${SHOTS}/main-360.png`, fullPage: true })

  await page.getByRole('link', { name: 'Receipts' }).click()
  await expect(page.getByRole('heading', { name: 'Receipts' })).toBeVisible()
  await expectNoHorizontalScroll(page, 'receipts')

  await closePeers(visitor)
})

test('desktop screenshots in the light and the dark theme, and the receipts page', async ({ browser }) => {
  const visitor = await openPeer(browser, undefined, { viewport: DESKTOP, colorScheme: 'light' })
  const { page } = visitor

  await addDemoAndPlay(page)
  await page.screenshot({ path: `${SHOTS}/main-desktop-light.png` })

  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: `${SHOTS}/main-desktop-dark.png` })
  await page.emulateMedia({ colorScheme: 'light' })

  await page.getByRole('link', { name: 'Receipts' }).click()
  await expect(page.getByRole('heading', { name: 'Receipts' })).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/receipts-desktop.png` })

  await closePeers(visitor)
})
