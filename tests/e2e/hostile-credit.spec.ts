/**
 * Credit for verified bytes against hostile peers (docs/PROTOCOL.md, "What a peer is credited for").
 * Injected in a test build through localStorage flags (read by the decorators in src/testing/, test
 * builds only) in the hostile peer's own page:
 * - `fault:junk-pieces = N`: it answers no request and writes well-framed `piece` messages of junk
 *   nobody asked for (at a real block's offset, at misplaced offsets, oversized) for pieces below N;
 * - `fault:peer-id = id`: its client announces and handshakes with that peer id (a takeover).
 * Real WebRTC, real tracker, real devnet; wallets are the injected test wallet.
 */
import { expect, test, type Page } from './test'
import { randomFile } from './fixtures'
import { addByText, closePeers, expectComplete, openPeer, torrentItem } from './helpers'
import {
  account,
  connectWallet,
  devnet,
  endSession,
  installWallet,
  owedSun,
  shareAddress,
  startTipping,
  tippableSeeder,
  walletPeer,
} from './wallet-fixtures'

/** docs/PROTOCOL.md: a connection with more dropped messages than this is closed. */
const MAX_DROPPED_MESSAGES = 20
/** Realistic: 20 TRX per GB. */
const RATE_TRX_PER_GB = 20

interface Row {
  peerId: string
  address: string
  bytes: number
  owedSun: number
  dropped: number
  left: boolean
}

async function peerRows(page: Page): Promise<Row[]> {
  return page
    .getByRole('table', { name: 'Peers' })
    .locator('tbody tr[data-peer-id]')
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        peerId: tr.getAttribute('data-peer-id') ?? '',
        address: tr.getAttribute('data-address') ?? '',
        bytes: Number(tr.querySelector('td[data-bytes]')?.getAttribute('data-bytes')),
        owedSun: Number(tr.querySelector('td[data-owed-sun]')?.getAttribute('data-owed-sun')),
        dropped: Number(tr.getAttribute('data-dropped')),
        left: tr.classList.contains('gone'),
      })),
    )
}

const sum = (rows: Row[], pick: (row: Row) => number) => rows.reduce((total, row) => total + pick(row), 0)

test('junk piece messages nobody asked for earn nothing and get the sender dropped; the honest seeder keeps all its credit', async ({
  browser,
}) => {
  const node = await devnet()
  const bob = account('bob')
  const dave = account('dave')
  const fileName = 'junked.bin'
  const size = 3 * 1024 * 1024 // 192 pieces of 16 KiB

  const { seeder, magnet } = await tippableSeeder(browser, node, 'bob', {
    files: [await randomFile(fileName, size)],
    fileName,
    uploadKBps: 300,
  })
  // The attacker proved its address, so junk credited to it would be paid.
  const { peer: attacker } = await walletPeer(browser, node, 'dave')
  await attacker.page.evaluate(() => localStorage.setItem('fault:junk-pieces', '192'))
  await shareAddress(attacker)
  await addByText(attacker.page, magnet)

  const { peer: victim } = await walletPeer(browser, node, 'alice')
  await startTipping(victim.page, RATE_TRX_PER_GB, 5)
  const daveBefore = node.balanceOf(dave.address)
  await addByText(victim.page, magnet)
  const item = torrentItem(victim.page, fileName)
  await item.click()
  // The attacker's connection is seen (and proven) while the download runs.
  await expect
    .poll(async () => (await peerRows(victim.page)).some((row) => row.address === dave.address), {
      timeout: 30_000,
    })
    .toBe(true)
  await expectComplete(item, 90_000)

  // Every byte came from Bob: all of it is his credit, and nothing is the attacker's. (The rows are
  // sampled every second: wait until every verified piece is counted by someone.)
  const credited = (rows: Row[], address: string) =>
    sum(
      rows.filter((row) => row.address === address),
      (row) => row.bytes,
    )
  await expect
    .poll(async () => sum(await peerRows(victim.page), (row) => row.bytes))
    .toBeGreaterThanOrEqual(size)
  const rows = await peerRows(victim.page)
  const attackerRows = rows.filter((row) => row.address === dave.address)
  test.info().annotations.push(
    {
      type: 'verified bytes credited to the honest seeder',
      description: String(credited(rows, bob.address)),
    },
    { type: 'verified bytes credited to the attacker', description: String(credited(rows, dave.address)) },
    {
      type: 'every row (address: verified bytes, dropped messages)',
      description: rows.map((row) => `${row.address || '-'}: ${row.bytes}, ${row.dropped}`).join('; '),
    },
    {
      type: 'attacker connections (dropped messages)',
      description: attackerRows.map((row) => row.dropped).join(', '),
    },
  )
  expect(credited(rows, dave.address)).toBe(0)
  expect(credited(rows, bob.address)).toBe(size)
  expect(sum(attackerRows, (row) => row.owedSun)).toBe(0)
  expect(
    sum(
      rows.filter((row) => row.address === bob.address),
      (row) => row.owedSun,
    ),
  ).toBe(owedSun(size, RATE_TRX_PER_GB))
  // The junk counted as misbehaviour: the attacker's connection went past the limit and was closed.
  await expect
    .poll(
      async () =>
        (await peerRows(victim.page)).some(
          (row) => row.address === dave.address && row.dropped > MAX_DROPPED_MESSAGES && row.left,
        ),
      { timeout: 45_000 },
    )
    .toBe(true)

  await endSession(victim.page)
  expect(node.balanceOf(dave.address)).toBe(daveBefore)

  await closePeers(seeder, attacker, victim)
  await node.close()
})

test('a connection that declares an uploader peer id and proves its own address gets none of its bytes, nor its manual tip', async ({
  browser,
}) => {
  const node = await devnet()
  const bob = account('bob')
  const dave = account('dave')
  const fileName = 'taken-over.bin'
  const size = 2 * 1024 * 1024

  const { seeder, magnet } = await tippableSeeder(browser, node, 'bob', {
    files: [await randomFile(fileName, size)],
    fileName,
    uploadKBps: 1_000,
  })
  const { peer: victim } = await walletPeer(browser, node, 'alice')
  await startTipping(victim.page, RATE_TRX_PER_GB, 5)
  await addByText(victim.page, magnet)
  const item = torrentItem(victim.page, fileName)
  await item.click()
  await expectComplete(item, 60_000)
  await expect
    .poll(async () => (await peerRows(victim.page)).find((row) => row.address === bob.address)?.bytes)
    .toBe(size)
  const bobPeerId = (await peerRows(victim.page)).find((row) => row.address === bob.address)?.peerId ?? ''

  // Bob leaves; Dave comes with Bob's peer id and proves his own address.
  await closePeers(seeder)
  // The victim has seen Bob's connection close (WebTorrent keeps one peer per tracker-level id).
  await expect
    .poll(async () => (await peerRows(victim.page)).find((row) => row.address === bob.address)?.left, {
      timeout: 60_000,
    })
    .toBe(true)
  const daveWallet = installWallet(node, 'dave')
  const attacker = await openPeer(browser, async (context) => {
    await daveWallet.prepare(context)
    await context.addInitScript((id) => {
      // Frames without storage (about:blank) have nothing to set.
      try {
        localStorage.setItem('fault:peer-id', id)
      } catch {
        return
      }
    }, bobPeerId)
  })
  await connectWallet(attacker, dave.address)
  await shareAddress(attacker)
  await addByText(attacker.page, magnet)
  await expect
    .poll(async () => (await peerRows(victim.page)).some((row) => row.address === dave.address), {
      timeout: 60_000,
    })
    .toBe(true)

  const rows = await peerRows(victim.page)
  test.info().annotations.push({
    type: 'rows for the uploader peer id (address: verified bytes)',
    description: rows
      .filter((row) => row.peerId === bobPeerId)
      .map((row) => `${row.address}: ${row.bytes}`)
      .join(', '),
  })
  expect(rows.filter((row) => row.address === dave.address).every((row) => row.peerId === bobPeerId)).toBe(
    true,
  )
  expect(
    sum(
      rows.filter((row) => row.address === dave.address),
      (row) => row.bytes,
    ),
  ).toBe(0)
  expect(
    sum(
      rows.filter((row) => row.address === dave.address),
      (row) => row.owedSun,
    ),
  ).toBe(0)
  expect(
    sum(
      rows.filter((row) => row.address === bob.address),
      (row) => row.bytes,
    ),
  ).toBe(size)

  // The manual Tip on the row that holds Bob's bytes goes to Bob.
  const table = victim.page.getByRole('table', { name: 'Peers' })
  await table
    .locator(`tr[data-address="${bob.address}"]`)
    .first()
    .getByRole('button', { name: 'Tip' })
    .click()
  const dialog = victim.page.getByRole('dialog', { name: 'Send a tip' })
  await expect(dialog.getByRole('textbox', { name: 'Recipient address' })).toHaveValue(bob.address)
  await victim.page.keyboard.press('Escape')

  const daveBefore = node.balanceOf(dave.address)
  await endSession(victim.page)
  expect(node.balanceOf(dave.address)).toBe(daveBefore)

  await closePeers(attacker, victim)
  await node.close()
})
