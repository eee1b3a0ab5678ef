/**
 * Using TRON nodes that behave like real ones: a node that limits the page's requests (HTTP 403 with
 * a ban, 429, and TronGrid's `{"Error"}` body with HTTP 200), a self-hosted java-tron that sends no
 * CORS headers, and one that serves `/walletsolidity` on its own port. Real browsers, real tracker,
 * the devnet (tools/devnet) with its rate-limit, CORS and solidity-port options; the wallet is the
 * injected test wallet.
 */
import type { Page, Request } from '@playwright/test'
import { expect, test } from './test'
import { startDevnet, type RunningDevnet } from '../../tools/devnet/server.ts'
import { randomFile } from './fixtures'
import { addByText, closePeers, expectComplete, openPeer, seedAndCopyMagnet, torrentItem } from './helpers'
import {
  account,
  connectWallet,
  devnet,
  installWallet,
  owedSun,
  receiptsOf,
  sendTip,
  shareAddress,
  startTipping,
  TRANSFER_FEE_SUN,
  verifiedBytesFrom,
  walletPanel,
  walletPeer,
} from './wallet-fixtures'

const RATE = 20 // TRX per GB
const FILE_BYTES = 24 * 1024 * 1024 // worth about 0.5 TRX at that rate: more than a transfer's fee
const LIMITING = /The TRON node is limiting requests; retrying in \d+ s/

/** Every request a page sends to the node (the test wallet's own requests are made outside the page). */
function nodeRequests(page: Page, node: RunningDevnet): Request[] {
  const seen: Request[] = []
  const origins = new Set([new URL(node.url).origin, new URL(node.solidityUrl).origin])
  page.on('request', (request) => {
    if (origins.has(new URL(request.url()).origin) && request.method() !== 'OPTIONS') seen.push(request)
  })
  return seen
}

/** Bob seeds a random file and proves his address; Alice runs a tipping session and downloads it. */
async function sessionDownload(browser: Parameters<typeof openPeer>[0], node: RunningDevnet, name: string) {
  const { peer: seeder } = await walletPeer(browser, node, 'bob')
  await shareAddress(seeder)
  const magnet = await seedAndCopyMagnet(seeder, [await randomFile(name, FILE_BYTES)], name)
  const { peer: leecher } = await walletPeer(browser, node, 'alice')
  await startTipping(leecher.page, RATE, 5)
  return { seeder, leecher, magnet }
}

test('a node that limits requests (429, then a 35 s 403 ban while End session pays) is waited out with a visible status: the seeder is paid exactly once, in full', async ({
  browser,
  expectProblems,
}) => {
  expectProblems(/status of (403|429)/, 'the node refuses requests on purpose')
  test.setTimeout(300_000)
  const node = await devnet()
  const bob = account('bob')
  const bobBefore = node.balanceOf(bob.address)
  const { seeder, leecher, magnet } = await sessionDownload(browser, node, 'limited.bin')
  const seederRequests = nodeRequests(seeder.page, node)

  // 429s while the download runs: the page says so politely, waits, and carries on.
  node.setRateLimited(8_000, 429)
  await addByText(leecher.page, magnet)
  const status = leecher.page.getByRole('status').filter({ hasText: LIMITING })
  await expect(status).toBeVisible({ timeout: 30_000 })
  await expectComplete(torrentItem(leecher.page, 'limited.bin'), 120_000)
  await expect(status).toBeHidden({ timeout: 60_000 })

  await expect.poll(() => verifiedBytesFrom(leecher.page, bob.address)).toBe(FILE_BYTES)
  const owed = owedSun(FILE_BYTES, RATE)
  // A 403 ban (TronGrid's older key-less rule) right as End session pays the seeder and sweeps.
  node.setRateLimited(35_000, 403)
  await leecher.page
    .getByRole('region', { name: 'Tipping session' })
    .getByRole('button', { name: 'End session' })
    .click()
  await expect(status).toBeVisible({ timeout: 20_000 })
  await expect(leecher.page.getByRole('region', { name: 'Tipping session' })).toHaveAttribute(
    'data-status',
    'ended',
    { timeout: 180_000 },
  )
  await expect(status).toBeHidden()

  const paid = node.balanceOf(bob.address) - bobBefore
  expect(paid).toBeLessThanOrEqual(owed)
  expect(owed - paid).toBeLessThan(TRANSFER_FEE_SUN)
  const receipts = await receiptsOf(leecher.page)
  const tips = receipts.filter((receipt) => !receipt.purpose)
  expect(tips.reduce((sum, receipt) => sum + receipt.amountSun, 0)).toBe(paid)
  for (const receipt of receipts) expect(receipt.status).toBe('confirmed')
  await expect(leecher.page.getByText('not activated')).toHaveCount(0)

  // The seeder verifies each paid notice with a few reads, not one a second: counted, not timed.
  await expect(
    seeder.page.getByRole('table', { name: 'Peers' }).locator(`[data-received-sun]`).first(),
  ).toBeAttached()
  for (const tip of tips) {
    const reads = seederRequests.filter(
      (request) =>
        request.url().includes('gettransactioninfobyid') &&
        (request.postData() ?? '').includes(tip.txId ?? '-'),
    )
    expect(reads.length).toBeLessThanOrEqual(9)
  }
  await closePeers(seeder, leecher)
})

test('an {"Error"} body (HTTP 200, TronGrid’s limit) for getaccount does not make an honest seeder "not activated": it is paid', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const node = await devnet()
  const bob = account('bob')
  const bobBefore = node.balanceOf(bob.address)
  const { seeder, leecher, magnet } = await sessionDownload(browser, node, 'error-body.bin')
  await addByText(leecher.page, magnet)
  await expectComplete(torrentItem(leecher.page, 'error-body.bin'), 120_000)
  await expect.poll(() => verifiedBytesFrom(leecher.page, bob.address)).toBe(FILE_BYTES)

  // Every answer is {"Error": "request rate exceeded…"} with HTTP 200 while End session looks Bob up.
  node.setRateLimited(10_000, 200)
  const panel = leecher.page.getByRole('region', { name: 'Tipping session' })
  await panel.getByRole('button', { name: 'End session' }).click()
  // The page waits the limit out (with backoff), then pays: longer than an ordinary End session.
  await expect(panel).toHaveAttribute('data-status', 'ended', { timeout: 150_000 })
  const paid = node.balanceOf(bob.address) - bobBefore
  const owed = owedSun(FILE_BYTES, RATE)
  expect(paid).toBeGreaterThan(0)
  expect(owed - paid).toBeLessThan(TRANSFER_FEE_SUN)
  await expect(leecher.page.getByText('not activated')).toHaveCount(0)
  await closePeers(seeder, leecher)
})

test('a self-hosted java-tron without CORS headers is refused at connect, saying why; nothing can be tipped', async ({
  browser,
  expectProblems,
}) => {
  expectProblems(/CORS|ERR_FAILED|Failed to fetch/, 'the node sends no CORS headers on purpose')
  const node = await startDevnet({ port: 0, blockIntervalMs: 200, cors: false })
  try {
    const setup = installWallet(node, 'alice')
    const peer = await openPeer(browser, setup.prepare)
    await connectWallet(peer, account('alice').address)
    await expect(peer.page.getByRole('alert').filter({ hasText: 'sends no CORS headers' })).toBeVisible()
    await expect(peer.page.getByRole('alert')).toContainText('a web page cannot reach it')
    await expect(walletPanel(peer.page).getByText('Node unusable')).toBeVisible()
    await expect(walletPanel(peer.page).getByRole('button', { name: 'Send a tip' })).toBeDisabled()
    await expect(peer.page.getByRole('button', { name: 'Start tipping' })).toHaveCount(0)
    await closePeers(peer)
  } finally {
    await node.close()
  }
})

test('a node serving /walletsolidity on its own port: refused without it, then set in Settings (with an API key) and a tip confirms through the solidity URL', async ({
  browser,
  expectProblems,
}) => {
  expectProblems(/status of 404/, 'the full node serves no /walletsolidity, as a self-hosted java-tron')
  test.setTimeout(180_000)
  const node = await startDevnet({ port: 0, blockIntervalMs: 200, solidityPort: 0 })
  try {
    expect(node.solidityUrl).not.toBe(node.url)
    const setup = installWallet(node, 'alice')
    const peer = await openPeer(browser, async (context) => {
      await setup.prepare(context)
      // TronLink configured with the full node only: its solidity node is the same URL.
      setup.wallet.solidityUrl = node.url
    })
    const requests = nodeRequests(peer.page, node)
    await connectWallet(peer, account('alice').address)
    await expect(
      peer.page.getByRole('alert').filter({ hasText: 'does not answer /walletsolidity' }),
    ).toBeVisible()

    await peer.page.getByRole('button', { name: 'Settings' }).click()
    const dialog = peer.page.getByRole('dialog', { name: 'Settings' })
    const apiKey = dialog.getByRole('textbox', { name: 'TronGrid API key' })
    await apiKey.fill('not a key')
    await dialog.getByRole('textbox', { name: 'Custom full node URL' }).fill(node.url)
    await dialog.getByRole('textbox', { name: 'Custom solidity node URL' }).fill(node.solidityUrl)
    await dialog.getByRole('button', { name: 'Save node settings' }).click()
    await expect(
      peer.page.getByRole('alert').filter({ hasText: 'The TronGrid API key is not valid' }),
    ).toBeVisible()
    await expect(apiKey).toHaveValue('not a key')
    const KEY = '1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f'
    await apiKey.fill(KEY)
    await dialog.getByRole('button', { name: 'Save node settings' }).click()
    await expect(walletPanel(peer.page).locator('[data-network]')).toHaveAttribute('data-network', 'devnet')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect(dialog).toBeHidden()

    const bob = account('bob')
    const bobBefore = node.balanceOf(bob.address)
    const before = requests.length
    const tipDialog = await sendTip(peer.page, bob.address, '1.5', { waitForFee: true })
    await expect(tipDialog.getByRole('status')).toHaveAttribute('data-status', 'confirmed', {
      timeout: 60_000,
    })
    expect(node.balanceOf(bob.address) - bobBefore).toBe(1_500_000)
    const solidity = requests
      .slice(before)
      .filter((request) => request.url().startsWith(`${node.solidityUrl}/walletsolidity/`))
    expect(solidity.length).toBeGreaterThan(0)
    expect(await solidity[0]?.headerValue('tron-pro-api-key')).toBe(KEY)
    // Requests per payment, counted: the fee quote, the build, the broadcast and a few polls.
    const perPayment = requests.length - before
    console.log(`node requests for one manual tip: ${perPayment}`)
    expect(perPayment).toBeLessThanOrEqual(25)

    // Kept across a reload.
    await peer.page.reload()
    await peer.page.getByRole('button', { name: 'Settings' }).click()
    await expect(dialog.getByRole('textbox', { name: 'Custom solidity node URL' })).toHaveValue(
      node.solidityUrl,
    )
    await expect(dialog.getByRole('textbox', { name: 'TronGrid API key' })).toHaveValue(KEY)
    await closePeers(peer)
  } finally {
    await node.close()
  }
})
