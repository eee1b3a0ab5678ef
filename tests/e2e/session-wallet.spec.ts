/**
 * The session wallet holds a tipping budget: no lost answer, refused lookup, cleared browser data or
 * second tab may strand it or fund it twice. Real browser contexts, real devnet checking real
 * signatures (java-tron's order), the injected TronLink-compatible test wallet, which signs messages
 * deterministically as TronLink does. No peer is needed: what is tested is the budget's way in and
 * back out.
 */
import { createRequire } from 'node:module'
import type { Page } from '@playwright/test'
import type { AxeResults } from 'axe-core'
import type { RunningDevnet } from '../../tools/devnet/server.ts'
import { TronWeb } from 'tronweb'
import { closePeers, openPeer } from './helpers'
import { expect, test } from './test'
import {
  account,
  connectWallet,
  devnet,
  endSession,
  installWallet,
  receiptsOf,
  sessionPanel,
  startTipping,
  SUN_PER_TRX,
  TRANSFER_FEE_SUN,
  walletPeer,
} from './wallet-fixtures'

/** A realistic rate: 3 TRX per GB. */
const RATE = 3
const BUDGET_TRX = 20

async function sessionWalletOf(page: Page): Promise<string> {
  const address = await sessionPanel(page).locator('dd[data-address]').getAttribute('data-address')
  if (!address) throw new Error('The session panel shows no session wallet')
  return address
}

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** The serious and critical axe violations on the page, as "rule: target" lines. */
async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT })
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run(),
  )
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`))
}

/** A wallet peer whose page lets axe's script in (the app's CSP would refuse it, rightly). */
async function scannableWalletPeer(
  browser: Parameters<typeof openPeer>[0],
  node: RunningDevnet,
  name: string,
) {
  const setup = installWallet(node, name)
  const peer = await openPeer(browser, setup.prepare, { bypassCSP: true })
  await connectWallet(peer, account(name).address)
  return { peer, wallet: setup.wallet }
}

async function fillStart(page: Page): Promise<void> {
  const panel = sessionPanel(page)
  await panel.getByRole('textbox', { name: 'Tip rate (TRX per GB)' }).fill(String(RATE))
  await panel.getByRole('textbox', { name: 'Session budget (TRX)' }).fill(String(BUDGET_TRX))
  await panel.getByRole('button', { name: 'Start tipping' }).click()
}

test('a funding whose broadcast answer is lost and whose lookups are then refused: the session stays funding, becomes active, and returns the rest', async ({
  browser,
  expectProblems,
}) => {
  expectProblems(
    /403|Failed to load resource|ERR_/,
    'the devnet drops an answer and refuses requests on purpose',
  )
  const node = await devnet()
  const alice = account('alice')
  const { peer, wallet } = await walletPeer(browser, node, 'alice')
  const aliceBefore = node.balanceOf(alice.address)
  // The funding is carried out but its answer is lost; the moment it is on the node, the node
  // refuses every request for 12 s (403, as a rate-limited public node): the page's lookups by txID
  // fail with an error that is not "node away".
  node.dropBroadcastAnswers(1)
  wallet.onSigned = () => {
    wallet.onSigned = null
    void (async () => {
      while (node.balanceOf(alice.address) === aliceBefore) await new Promise((r) => setTimeout(r, 5))
      node.setRateLimited(12_000)
    })()
    return Promise.resolve()
  }
  const seen = new Set<string>()
  await fillStart(peer.page)
  const panel = sessionPanel(peer.page)
  await expect
    .poll(
      async () => {
        seen.add((await panel.getAttribute('data-status')) ?? 'none')
        return panel.getAttribute('data-status')
      },
      { timeout: 90_000, intervals: [200] },
    )
    .toBe('active')
  // Never "Not funded" while the money moved: the session did not end on the way.
  expect([...seen]).not.toContain('ended')
  await expect(peer.page.getByText(/Not funded/)).toHaveCount(0)
  const sessionWallet = await sessionWalletOf(peer.page)
  expect(node.balanceOf(sessionWallet)).toBe(BUDGET_TRX * SUN_PER_TRX)

  await endSession(peer.page)
  expect(node.balanceOf(sessionWallet)).toBe(0)
  const receipts = await receiptsOf(peer.page)
  // In any order (the receipts page lists them by time of the last change).
  expect(receipts.map((receipt) => [receipt.purpose, receipt.status]).sort()).toEqual([
    ['funding', 'confirmed'],
    ['sweep', 'confirmed'],
  ])
  const fees = receipts.reduce((sum, receipt) => sum + (receipt.feeSun ?? 0), 0)
  // Alice is out the two transfers' fees, nothing more: the budget came back.
  expect(aliceBefore - node.balanceOf(alice.address)).toBe(fees)
  await closePeers(peer)
  await node.close()
})

test('site data cleared while a session holds its budget: the key is derived again with one prompt and the budget comes back', async ({
  browser,
}) => {
  const node = await devnet()
  const alice = account('alice')
  const { peer, wallet } = await walletPeer(browser, node, 'alice')
  await startTipping(peer.page, RATE, BUDGET_TRX)
  const sessionWallet = await sessionWalletOf(peer.page)
  expect(node.balanceOf(sessionWallet)).toBe(BUDGET_TRX * SUN_PER_TRX)

  // Everything this site stored is gone (cleared by the user, evicted, or another device).
  const origin = new URL(peer.page.url()).origin
  await peer.page.goto('about:blank')
  const cdp = await peer.context.newCDPSession(peer.page)
  await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' })
  await peer.page.goto(origin)
  await connectWallet(peer, alice.address)
  const panel = sessionPanel(peer.page)
  await expect(panel.getByRole('button', { name: 'Start tipping' })).toBeVisible()

  const aliceBefore = node.balanceOf(alice.address)
  const promptsBefore = wallet.prompts
  await panel.getByRole('button', { name: 'Recover session funds' }).click()
  await expect(panel).toHaveAttribute('data-status', 'ended', { timeout: 60_000 })
  await expect(panel.getByTestId('session-note')).toContainText('Returned')
  expect(wallet.prompts - promptsBefore).toBe(1)
  expect(node.balanceOf(sessionWallet)).toBe(0)
  const returned = node.balanceOf(alice.address) - aliceBefore
  expect(returned).toBeGreaterThan(BUDGET_TRX * SUN_PER_TRX - TRANSFER_FEE_SUN - 1)
  expect(returned).toBeLessThanOrEqual(BUDGET_TRX * SUN_PER_TRX)
  console.log(`recovered after site data was cleared: ${returned} sun returned, 1 prompt`)
  await closePeers(peer)
  await node.close()
})

test('two tabs, one wallet: the second tab cannot start a second session on the same session wallet', async ({
  browser,
}) => {
  const node = await devnet()
  const alice = account('alice')
  const { peer, wallet } = await walletPeer(browser, node, 'alice')
  // Tab B is loaded before tab A starts its session.
  const tabB = await peer.context.newPage()
  await tabB.goto('/')
  await expect(sessionPanel(tabB).getByRole('button', { name: 'Start tipping' })).toBeVisible()

  await startTipping(peer.page, RATE, BUDGET_TRX)
  const sessionWallet = await sessionWalletOf(peer.page)
  const signaturesBefore = wallet.signatures
  const aliceBefore = node.balanceOf(alice.address)

  await fillStart(tabB)
  await expect(tabB.getByRole('alert')).toContainText('already open in another tab')
  await expect(sessionPanel(tabB)).toContainText('This session is running in another tab of this app.')
  await expect(sessionPanel(tabB).getByRole('button', { name: 'End session' })).toHaveCount(0)
  expect(wallet.signatures).toBe(signaturesBefore)
  expect(node.balanceOf(alice.address)).toBe(aliceBefore)
  expect(node.balanceOf(sessionWallet)).toBe(BUDGET_TRX * SUN_PER_TRX)

  await endSession(peer.page)
  expect(node.balanceOf(sessionWallet)).toBe(0)
  await closePeers(peer)
  await node.close()
})

test('"Delete all torrents and data" while a session wallet holds money warns first and offers to return it', async ({
  browser,
}) => {
  const node = await devnet()
  const { peer } = await scannableWalletPeer(browser, node, 'alice')
  await startTipping(peer.page, RATE, BUDGET_TRX)
  const sessionWallet = await sessionWalletOf(peer.page)

  await peer.page.getByRole('button', { name: 'Settings' }).click()
  const settingsDialog = peer.page.getByRole('dialog', { name: 'Settings' })
  await settingsDialog.getByRole('button', { name: 'Delete all torrents and data' }).click()
  const confirm = peer.page.getByRole('dialog', { name: 'Delete all torrents and their data?' })
  await expect(confirm.getByRole('alert')).toContainText('Your tipping session wallet holds 20 TRX')
  expect(await axeProblems(peer.page)).toEqual([])
  await confirm.getByRole('button', { name: 'Return session funds first' }).click()
  await expect(sessionPanel(peer.page)).toHaveAttribute('data-status', 'ended', { timeout: 60_000 })
  expect(node.balanceOf(sessionWallet)).toBe(0)
  await expect(confirm.getByRole('alert')).toHaveCount(0)
  await closePeers(peer)
  await node.close()
})

/** An account's balance as walletsolidity reports it (what the page reads), over the devnet's HTTP API. */
async function solidifiedBalance(node: RunningDevnet, address: string): Promise<number> {
  const response = await fetch(`${node.url}/walletsolidity/getaccount`, {
    method: 'POST',
    body: JSON.stringify({ address, visible: true }),
  })
  // java-tron leaves zero fields out.
  return ((await response.json()) as { balance?: number }).balance ?? 0
}

test('money that reaches an ended session\'s wallet is listed with "Return funds"; the maximum budget in Settings refuses a bigger session', async ({
  browser,
}) => {
  const node = await devnet()
  const alice = account('alice')
  const bob = account('bob')
  const { peer, wallet } = await scannableWalletPeer(browser, node, 'alice')
  await startTipping(peer.page, RATE, BUDGET_TRX)
  const sessionWallet = await sessionWalletOf(peer.page)
  await endSession(peer.page)
  expect(node.balanceOf(sessionWallet)).toBe(0)

  // 5 TRX arrive at the session wallet after its session ended (a late transfer, someone's gift).
  const bobWeb = new TronWeb({ fullHost: node.url, privateKey: bob.privateKey })
  await bobWeb.trx.sendTransaction(sessionWallet, 5 * SUN_PER_TRX)
  await expect.poll(() => node.balanceOf(sessionWallet)).toBe(5 * SUN_PER_TRX)
  // The page reads balances from solidified blocks (walletsolidity), a few blocks behind the head.
  await expect.poll(() => solidifiedBalance(node, sessionWallet)).toBe(5 * SUN_PER_TRX)
  await peer.page.reload()
  const panel = sessionPanel(peer.page)
  const stranded = panel.getByTestId('stranded-wallet')
  await expect(stranded).toHaveAttribute('data-address', sessionWallet, { timeout: 20_000 })
  await expect(stranded).toHaveAttribute('data-sun', String(5 * SUN_PER_TRX))
  await expect(stranded).toContainText('holds 5 TRX')
  expect(await axeProblems(peer.page)).toEqual([])
  const aliceBefore = node.balanceOf(alice.address)
  await stranded.getByRole('button', { name: 'Return funds' }).click()
  await expect(stranded).toHaveCount(0, { timeout: 30_000 })
  expect(node.balanceOf(sessionWallet)).toBe(0)
  expect(node.balanceOf(alice.address) - aliceBefore).toBeGreaterThan(5 * SUN_PER_TRX - TRANSFER_FEE_SUN - 1)

  // The cap: bad input is refused with an alert and kept in the field; 10 TRX then refuses 20.
  await peer.page.getByRole('button', { name: 'Settings' }).click()
  const settingsDialog = peer.page.getByRole('dialog', { name: 'Settings' })
  const maxBudget = settingsDialog.getByRole('textbox', { name: 'Maximum session budget (TRX)' })
  await expect(maxBudget).toHaveValue('100')
  await maxBudget.fill('ten')
  await maxBudget.press('Tab')
  await expect(peer.page.getByRole('alert').filter({ hasText: 'maximum session budget' })).toBeVisible()
  await expect(maxBudget).toHaveValue('ten')
  await expect(maxBudget).toHaveAttribute('aria-invalid', 'true')
  expect(await axeProblems(peer.page)).toEqual([])
  await maxBudget.fill('10')
  await settingsDialog.getByRole('button', { name: 'Done' }).click()
  await expect(settingsDialog).toBeHidden()
  const signaturesBefore = wallet.signatures
  await fillStart(peer.page)
  await expect(peer.page.getByRole('alert').filter({ hasText: 'above your maximum of 10 TRX' })).toBeVisible()
  expect(wallet.signatures).toBe(signaturesBefore)
  await expect(panel).toHaveAttribute('data-status', 'ended')
  await closePeers(peer)
  await node.close()
})
