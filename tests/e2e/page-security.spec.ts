/** The policy the unit test pins (tools/page-security.test.ts) is the one the served page enforces. */
import { CONTENT_SECURITY_POLICY } from '../../tools/vite-plugins.ts'
import { closePeers, openPeer } from './helpers'
import { expect, test } from './test'

test('the served page enforces its CSP: no inline script, handler or foreign script', async ({
  browser,
  expectProblems,
}) => {
  // Chromium reports each refusal below on the console, as it would for an attack.
  expectProblems(/Content Security Policy/, 'the scripts tried on purpose')
  const peer = await openPeer(browser)
  const { page } = peer
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    CONTENT_SECURITY_POLICY,
  )
  // (Playwright's own evaluate is exempt from the eval rule, so eval is left to the unit test.)
  const outcome = await page.evaluate(async () => {
    const flags = window as unknown as Record<string, boolean | undefined>
    const inline = document.createElement('script')
    inline.textContent = 'window.inlineRan = true'
    document.head.append(inline)
    const fromData = document.createElement('script')
    fromData.src = 'data:text/javascript,window.dataScriptRan=true'
    document.head.append(fromData)
    const button = document.createElement('button')
    button.setAttribute('onclick', 'window.handlerRan = true')
    document.body.append(button)
    button.click()
    button.remove()
    await new Promise((resolve) => setTimeout(resolve, 200))
    return { inline: flags.inlineRan, data: flags.dataScriptRan, handler: flags.handlerRan }
  })
  expect(outcome).toEqual({ inline: undefined, data: undefined, handler: undefined })
  await closePeers(peer)
})
