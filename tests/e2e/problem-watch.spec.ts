/** The guard every test runs under (./test.ts): proven here on pages that misbehave on purpose. */
import { expect, test, UNHANDLED_REJECTION } from './test'

const REJECT = () => {
  void Promise.reject(new Error('nobody handles this'))
}

test.fail(
  'an unhandled rejection on a page opened through browser.newContext fails the test',
  async ({ browser }) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto('/')
    await page.evaluate(REJECT)
    await page.waitForTimeout(200)
    await context.close()
  },
)

test.fail('a console error on the built-in page fails the test', async ({ page }) => {
  await page.goto('/')
  await page.evaluate(() => console.error('something went wrong'))
})

test('a problem the test declares does not fail it', async ({ browser, expectProblems }) => {
  expectProblems(/nobody handles this/, 'provoked below')
  const context = await browser.newContext()
  const page = await context.newPage()
  const logged = page.waitForEvent('console', (message) => message.text().startsWith(UNHANDLED_REJECTION))
  await page.goto('/')
  await page.evaluate(REJECT)
  expect((await logged).text()).toContain('Error: nobody handles this')
  await context.close()
})
