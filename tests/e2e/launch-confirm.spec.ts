/**
 * A link cannot add a torrent behind the user's back (issue 16, M2): `/?magnet=…`, which is also what
 * the browser opens for a `magnet:` link once the app handles them, asks first. Real page, real
 * Chromium; Cancel must leave nothing behind, not even after a reload.
 */
import { expect, test } from './test'
import { openPeer, torrentItem } from './helpers'

const INFO_HASH = '1f6a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a'
const TRACKER = 'wss://tracker.attacker.example'
const NAME = 'a torrent you never chose.mp4'
const MAGNET = `magnet:?xt=urn:btih:${INFO_HASH}&dn=${encodeURIComponent(NAME)}&tr=${encodeURIComponent(TRACKER)}`

test('opening /?magnet=… asks before adding: the dialog names the torrent and its trackers, and Cancel adds nothing', async ({
  browser,
}) => {
  const visitor = await openPeer(browser)
  const { page } = visitor
  await page.goto(`/?magnet=${encodeURIComponent(MAGNET)}`)

  const dialog = page.getByRole('dialog', { name: 'Add this torrent?' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(NAME)
  await expect(dialog).toContainText(INFO_HASH)
  await expect(dialog).toContainText(TRACKER)
  // The address no longer carries the magnet: a reload must not ask (or add) again.
  expect(new URL(page.url()).search).toBe('')

  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('status').filter({ hasText: 'Nothing was added' })).toBeAttached()
  // Give an add that should not happen the time to show up.
  await page.waitForTimeout(2_000)
  await expect(torrentItem(page, NAME)).toHaveCount(0)
  await expect(page.getByRole('list', { name: 'Torrents' }).getByRole('listitem')).toHaveCount(0)

  await page.reload()
  await expect(page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' })).toBeVisible()
  await page.waitForTimeout(1_000)
  await expect(page.getByRole('dialog', { name: 'Add this torrent?' })).toHaveCount(0)
  await expect(page.getByRole('list', { name: 'Torrents' }).getByRole('listitem')).toHaveCount(0)

  await visitor.context.close()
})

test('Escape closes the question like Cancel: nothing is added', async ({ browser }) => {
  const visitor = await openPeer(browser)
  const { page } = visitor
  await page.goto(`/?magnet=${encodeURIComponent(MAGNET)}`)
  const dialog = page.getByRole('dialog', { name: 'Add this torrent?' })
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await page.waitForTimeout(2_000)
  await expect(page.getByRole('list', { name: 'Torrents' }).getByRole('listitem')).toHaveCount(0)
  await visitor.context.close()
})
