/** The charts: live speeds and the pieces map while a torrent downloads, and TRX per day on the Receipts page. */
import { expect, test } from './test'
import {
  addThrottled,
  closePeers,
  expectComplete,
  openPeer,
  seedRandomFile,
  setLimits,
  torrentItem,
} from './helpers'
import { account, connectedPeer, openReceipts, sendTip } from './wallet-fixtures'

test('the speed chart follows the download and the pieces map ends all verified', async ({ browser }) => {
  const fileName = 'charted.bin'
  const { seeder, magnet } = await seedRandomFile(browser, fileName, 3 * 1024 * 1024)
  const leecher = await openPeer(browser)
  // Throttled, so that the chart catches the download under way.
  await addThrottled(leecher, magnet, 400)
  const item = torrentItem(leecher.page, fileName)
  await item.click()

  const details = leecher.page.getByRole('region', { name: fileName })
  const download = details.locator('path[data-series="download"]')
  await expect
    .poll(async () => Number(await download.getAttribute('data-max')), { timeout: 30_000 })
    .toBeGreaterThan(0)
  await expect(details.getByRole('img', { name: /^Download .*\/s, peak .*\/s; upload/ })).toBeVisible()
  // While it downloads, some pieces are still to come.
  const summary = details.locator('.pieces-summary')
  await expect(summary).toContainText(/\d+ of \d+ pieces verified/)

  await setLimits(leecher.page, { downloadKBps: '' })
  await expectComplete(item)
  const total = await summary.getAttribute('data-total')
  expect(Number(total)).toBeGreaterThan(1)
  await expect(summary).toHaveAttribute('data-verified', total ?? '')
  await expect(summary).toContainText(`${total} of ${total} pieces verified`)
  await closePeers(seeder, leecher)
})

test('the Receipts page shows a confirmed tip in the TRX per day chart and its table', async ({
  browser,
}) => {
  const { node, peer } = await connectedPeer(browser, 'alice')
  const dialog = await sendTip(peer.page, account('carol').address, '1.5')
  await expect(dialog.getByRole('status')).toHaveAttribute('data-status', 'confirmed', { timeout: 30_000 })
  await dialog.getByRole('button', { name: 'Close' }).click()
  await openReceipts(peer.page)

  const today = await peer.page.evaluate(() => {
    const now = new Date()
    const pad = (value: number) => String(value).padStart(2, '0')
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
  })
  await expect(peer.page.locator(`rect.bar.sent[data-day="${today}"]`)).toHaveAttribute('data-sun', '1500000')
  const table = peer.page.getByRole('table', { name: 'TRX per day' })
  await expect(table.getByRole('row')).toHaveCount(2)
  await expect(table.getByRole('row').nth(1)).toContainText('1.5 TRX')
  await closePeers(peer)
  await node.close()
})
