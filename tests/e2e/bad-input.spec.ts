import { randomBytes } from 'node:crypto'
import { expect, test } from './test'
import { addByText, openPeer, torrentItem } from './helpers'

test('bad input gets a clear alert and the app keeps working', async ({
  browser,
  baseURL,
  expectProblems,
}) => {
  // Chromium logs every failed fetch as a console error; the 404 is provoked below.
  expectProblems(/status of 404/, 'the .torrent URL that does not exist')
  const peer = await openPeer(browser)
  const { page } = peer
  const alerts = page.getByRole('alert')

  await addByText(page, 'magnet:?xt=urn:btih:not-a-hash')
  await expect(alerts.last()).toContainText('no valid BitTorrent info hash')

  await page.getByLabel('Open torrent file').setInputFiles({
    name: 'random.torrent',
    mimeType: 'application/x-bittorrent',
    buffer: randomBytes(4096),
  })
  await expect(alerts.last()).toContainText('not a valid .torrent file')

  await page.getByLabel('Seed files').setInputFiles([])
  await expect(alerts.last()).toContainText('No files were selected to seed')

  await addByText(page, `${baseURL}/no-such-file.torrent`)
  await expect(alerts.last()).toContainText('HTTP 404')

  await expect(page.getByRole('list', { name: 'Torrents' }).getByRole('listitem')).toHaveCount(0)

  // The app still works: a valid .torrent URL is added.
  await addByText(page, `${baseURL}/demo/demo.torrent`)
  await expect(torrentItem(page, 'test-pattern.webm')).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Magnet link, info hash or torrent URL' })).toHaveValue('')

  await peer.context.close()
})
