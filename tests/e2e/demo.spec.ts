import { expect, test } from './test'
import { openPeer, torrentItem, videoTime, closePeers } from './helpers'

test('the demo torrent plays from its web seed with no other peer', async ({ browser }) => {
  const visitor = await openPeer(browser)
  await visitor.page.getByRole('button', { name: 'Try the demo video' }).click()

  await expect(torrentItem(visitor.page, 'test-pattern.webm')).toBeVisible()
  await expect.poll(() => videoTime(visitor.page), { timeout: 30_000 }).toBeGreaterThan(1)
  // The only connection is the HTTP web seed: no browser peer exists in this test.
  await expect(torrentItem(visitor.page, 'test-pattern.webm')).toContainText('1 peer')

  await closePeers(visitor)
})
