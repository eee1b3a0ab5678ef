/** The first-visit introduction: shown to a new visitor, gone once dismissed or once a torrent is added. */
import { expect, test } from './test'
import { closePeers, openPeer, torrentItem } from './helpers'

test('a first visit explains the app and its costs; dismissed, it stays away after a reload', async ({
  browser,
}) => {
  const visitor = await openPeer(browser)
  const { page } = visitor
  const welcome = page.getByRole('region', { name: 'Welcome' })
  await expect(welcome).toContainText('at least 5 TRX')
  await expect(welcome).toContainText('0.268 TRX')
  await expect(welcome.getByRole('button', { name: 'Connect TronLink' })).toBeVisible()
  // The rest of the page stays usable under it: it is a region, not a modal.
  await expect(page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' })).toBeEditable()

  await welcome.getByRole('button', { name: 'Hide this introduction' }).click()
  await expect(welcome).toBeHidden()
  // The demo button is still there, now with the other ways to add a torrent.
  await expect(page.getByRole('button', { name: 'Try the demo video' })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' })).toBeVisible()
  await expect(welcome).toBeHidden()

  await closePeers(visitor)
})

test('adding a torrent ends the introduction for good', async ({ browser }) => {
  const visitor = await openPeer(browser)
  const { page } = visitor
  const welcome = page.getByRole('region', { name: 'Welcome' })
  await welcome.getByRole('button', { name: 'Try the demo video' }).click()
  await expect(torrentItem(page, 'test-pattern.webm')).toBeVisible()
  await expect(welcome).toBeHidden()

  await page.getByRole('button', { name: 'Delete torrent and data' }).click()
  await page.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(torrentItem(page, 'test-pattern.webm')).toBeHidden()
  await expect(welcome).toBeHidden()

  await closePeers(visitor)
})
