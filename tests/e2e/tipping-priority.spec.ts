/**
 * Upload priority for tippers (the Project Atlas promise): a seeder with an upload limit serves the
 * peer whose payment it verified on chain first, and a peer who pays nothing still completes.
 * Real WebRTC between three browser contexts, real tracker, real devnet, the test wallet.
 */
import { expect, test, type Locator, type Page } from './test'
import { randomFile } from './fixtures'
import {
  addByText,
  closePeers,
  expectComplete,
  openPeer,
  setLimits,
  torrentItem,
  transferFacts,
} from './helpers'
import { account, devnet, startTipping, walletPeer, tippableSeeder } from './wallet-fixtures'

const FILE_NAME = 'atlas.bin'
const FILE_BYTES = 6 * 1024 * 1024

/** Bytes the seeder has sent to the peer on this row (its "Sent to them" cell). */
async function sentTo(row: Locator): Promise<number> {
  return Number(await row.locator('td[data-uploaded]').getAttribute('data-uploaded'))
}

/** Verified bytes stored by a leecher for the selected torrent. */
async function stored(page: Page): Promise<number> {
  return (await transferFacts(page)).stored
}

test('a seeder with an upload limit serves the verified tipper first; the peer who pays nothing still completes', async ({
  browser,
}) => {
  const node = await devnet()
  const alice = account('alice')

  const { seeder, magnet } = await tippableSeeder(browser, node, 'bob', {
    files: [await randomFile(FILE_NAME, FILE_BYTES)],
    fileName: FILE_NAME,
    uploadKBps: 300,
  })

  // Both leechers upload little, so that what each downloads is what the seeder chose to send it.
  const { peer: tipper } = await walletPeer(browser, node, 'alice')
  await setLimits(tipper.page, { uploadKBps: '8' })
  // 3 000 TRX per GB: the first batch (2.68 TRX) is due after about 0.9 MB.
  await startTipping(tipper.page, 3_000, 30)
  const freeRider = await openPeer(browser)
  await setLimits(freeRider.page, { uploadKBps: '8' })

  await addByText(freeRider.page, magnet)
  await addByText(tipper.page, magnet)
  const tipperItem = torrentItem(tipper.page, FILE_NAME)
  const freeItem = torrentItem(freeRider.page, FILE_NAME)
  await tipperItem.click()
  await freeItem.click()

  // The seeder credits the tipper once its first payment is confirmed and checked.
  await torrentItem(seeder.page, FILE_NAME).click()
  const seederPeers = seeder.page.getByRole('table', { name: 'Peers' })
  const tipperRow = seederPeers.locator(`tr[data-address="${alice.address}"]`)
  const freeRow = seederPeers.locator('tr[data-peer-id][data-address=""]')
  await expect(tipperRow.getByText('tipper')).toBeVisible({ timeout: 60_000 })
  await expect(freeRow).toHaveCount(1)

  // From then on until the tipper completes: who got what.
  const start = {
    tipperSent: await sentTo(tipperRow),
    freeSent: await sentTo(freeRow),
    tipperStored: await stored(tipper.page),
    freeStored: await stored(freeRider.page),
  }
  expect(start.tipperStored).toBeLessThan(FILE_BYTES * 0.6)
  await expectComplete(tipperItem, 120_000)
  const end = {
    tipperSent: await sentTo(tipperRow),
    freeSent: await sentTo(freeRow),
    tipperStored: await stored(tipper.page),
    freeStored: await stored(freeRider.page),
  }
  const sentRatio = (end.tipperSent - start.tipperSent) / Math.max(1, end.freeSent - start.freeSent)
  const downloadRatio =
    (end.tipperStored - start.tipperStored) / Math.max(1, end.freeStored - start.freeStored)
  console.log(
    `priority: seeder sent ${end.tipperSent - start.tipperSent} B to the tipper and ` +
      `${end.freeSent - start.freeSent} B to the other (x${sentRatio.toFixed(1)}); ` +
      `download rate ratio x${downloadRatio.toFixed(1)}`,
  )
  expect(downloadRatio).toBeGreaterThanOrEqual(3)
  // Free still progresses: it was sent something while the tipper was served first, and completes.
  expect(end.freeSent).toBeGreaterThan(start.freeSent)
  await expectComplete(freeItem, 120_000)

  await closePeers(seeder, tipper, freeRider)
  await node.close()
})
