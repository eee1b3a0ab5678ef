/** A devnet per test (so balances start known) and a wallet in the page, as the tipping tests need. */
import { readFileSync } from 'node:fs'
import { expect, type Browser, type Locator, type Page } from '@playwright/test'
import { startDevnet, type FundedAccount, type RunningDevnet } from '../../tools/devnet/server.ts'
import { openPeer, seedAndCopyMagnet, setLimits, type Peer } from './helpers'
import { TronWeb } from 'tronweb'
import { TestWallet } from './test-wallet'

export const ACCOUNTS = JSON.parse(
  readFileSync(new URL('../../tools/devnet/accounts.json', import.meta.url), 'utf8'),
) as FundedAccount[]

export function account(name: string): FundedAccount {
  const found = ACCOUNTS.find((candidate) => candidate.name === name)
  if (!found) throw new Error(`tools/devnet/accounts.json has no account named ${name}`)
  return found
}

/** A fresh devnet on a free port; `otherNetwork` gives it another genesis, so another chain id. */
export async function devnet(options: { otherNetwork?: boolean } = {}): Promise<RunningDevnet> {
  return startDevnet({ port: 0, blockIntervalMs: 200, ...(options.otherNetwork ? { genesisNonce: 1n } : {}) })
}

/** What the devnet reports for a transaction, read over its HTTP API as any client would. */
export async function transactionFee(node: RunningDevnet, txId: string): Promise<number> {
  const response = await fetch(`${node.url}/wallet/gettransactioninfobyid`, {
    method: 'POST',
    body: JSON.stringify({ value: txId }),
  })
  const info = (await response.json()) as { id?: string; fee?: number }
  if (info.id !== txId) throw new Error(`The devnet has no transaction ${txId}`)
  // java-tron leaves zero fields out: a transfer paid with free bandwidth has no fee.
  return info.fee ?? 0
}

export function installWallet(node: RunningDevnet, name: string) {
  let wallet: TestWallet | undefined
  return {
    prepare: async (context: Parameters<typeof TestWallet.install>[0]) => {
      wallet = await TestWallet.install(context, ACCOUNTS, name, node.url)
      // A node serving /walletsolidity on its own port is configured in TronLink with both URLs.
      if (node.solidityUrl !== node.url) wallet.solidityUrl = node.solidityUrl
    },
    get wallet(): TestWallet {
      if (!wallet) throw new Error('The wallet is installed when the peer opens')
      return wallet
    },
  }
}

/** A fresh devnet and a peer whose wallet (account `name`) is already connected to the page. */
export async function connectedPeer(browser: Browser, name: string) {
  const node = await devnet()
  const setup = installWallet(node, name)
  const peer = await openPeer(browser, setup.prepare)
  await connectWallet(peer, account(name).address)
  return { node, wallet: setup.wallet, peer }
}

/** A new peer whose wallet (account `name`) is connected to the page, on an existing devnet. */
export async function walletPeer(browser: Browser, node: RunningDevnet, name: string) {
  const setup = installWallet(node, name)
  const peer = await openPeer(browser, setup.prepare)
  await connectWallet(peer, account(name).address)
  return { peer, wallet: setup.wallet }
}

/**
 * A seeder whose wallet (account `name`) proved its address, sharing `files` at an upload limit slow
 * enough for a download to be watched and paid along the way: the payee of most tipping tests.
 */
export async function tippableSeeder(
  browser: Browser,
  node: RunningDevnet,
  name: string,
  seed: { files: string[]; fileName: string; uploadKBps: number },
): Promise<{ seeder: Peer; magnet: string }> {
  const { peer: seeder } = await walletPeer(browser, node, name)
  await shareAddress(seeder)
  await setLimits(seeder.page, { uploadKBps: String(seed.uploadKBps) })
  const magnet = await seedAndCopyMagnet(seeder, seed.files, seed.fileName)
  return { seeder, magnet }
}

/** "Receive tips": the one signature that lets peers verify this peer's address. */
export async function shareAddress(peer: Peer): Promise<void> {
  await walletPanel(peer.page).getByRole('button', { name: 'Receive tips' }).click()
  await expect(walletPanel(peer.page).getByText('Peers can tip you')).toBeVisible()
}

export function walletPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Wallet' })
}

export async function connectWallet(peer: Peer, address: string): Promise<void> {
  await peer.page.getByRole('button', { name: 'Connect wallet' }).click()
  await expect(walletPanel(peer.page).locator('[data-address]')).toHaveAttribute('data-address', address)
}

/** The balance the page shows, in sun. */
export async function shownBalance(page: Page): Promise<number> {
  const balance = walletPanel(page).getByLabel('Balance')
  await expect(balance).not.toHaveAttribute('data-sun', '')
  return Number(await balance.getAttribute('data-sun'))
}

/** Opens the tip dialog, fills it and sends (once the fee is shown, if asked); returns the dialog. */
export async function sendTip(
  page: Page,
  to: string,
  amount: string,
  options: { waitForFee?: boolean } = {},
): Promise<Locator> {
  await walletPanel(page).getByRole('button', { name: 'Send a tip' }).click()
  const dialog = page.getByRole('dialog', { name: 'Send a tip' })
  await dialog.getByRole('textbox', { name: 'Recipient address' }).fill(to)
  await dialog.getByRole('textbox', { name: 'Amount (TRX)' }).fill(amount)
  if (options.waitForFee) await expect(dialog.getByTestId('tip-fee')).toBeVisible()
  await dialog.getByRole('button', { name: 'Send tip' }).click()
  return dialog
}

export function receiptRows(page: Page): Locator {
  return page.getByRole('table', { name: 'Receipts' }).locator('tbody tr')
}

export async function openReceipts(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Receipts', exact: true }).click()
  await expect(page.getByRole('table', { name: 'Receipts' })).toBeVisible()
}

/**
 * Uses up an account's free daily bandwidth (600 points) with small transfers made outside the app,
 * so that the next transfer burns TRX for its bytes, as it does for a busy account on mainnet.
 */
export async function useUpFreeBandwidth(
  node: RunningDevnet,
  from: FundedAccount,
  to: FundedAccount,
): Promise<void> {
  const tronWeb = new TronWeb({ fullHost: node.url })
  const sealedBefore = node.transactionCount()
  for (let amount = 1; ; amount++) {
    const resources = (await tronWeb.trx.getAccountResources(from.address)) as {
      freeNetLimit?: number
      freeNetUsed?: number
    }
    if ((resources.freeNetLimit ?? 0) - (resources.freeNetUsed ?? 0) < 300) {
      // Sealed in a block before the test goes on, so that they do not count as its transactions.
      await expect.poll(() => node.transactionCount()).toBe(sealedBefore + amount - 1)
      return
    }
    const transaction = await tronWeb.transactionBuilder.sendTrx(to.address, amount, from.address)
    const signed = await tronWeb.trx.sign(transaction, from.privateKey)
    const result = await tronWeb.trx.sendRawTransaction(signed)
    if (!result.result) throw new Error(`Transfer refused: ${result.code}`)
  }
}

/** The tipping session panel (funding, running, ending) or its start form. */
export function sessionPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Tipping session' })
}

export async function startTipping(page: Page, rateTrxPerGB: number, budgetTrx: number): Promise<void> {
  const panel = sessionPanel(page)
  await panel.getByRole('textbox', { name: 'Tip rate (TRX per GB)' }).fill(String(rateTrxPerGB))
  await panel.getByRole('textbox', { name: 'Session budget (TRX)' }).fill(String(budgetTrx))
  await panel.getByRole('button', { name: 'Start tipping' }).click()
  await expect(panel).toHaveAttribute('data-status', 'active', { timeout: 30_000 })
}

export async function endSession(page: Page): Promise<void> {
  const panel = sessionPanel(page)
  await panel.getByRole('button', { name: 'End session' }).click()
  await expect(panel).toHaveAttribute('data-status', 'ended', { timeout: 60_000 })
}

export const SUN_PER_TRX = 1_000_000
const BYTES_PER_GB = 1_000_000_000n
/** A plain transfer's bandwidth burn on the devnet (as on mainnet): what a batch is weighed against. */
export const TRANSFER_FEE_SUN = 268_000
export const BATCH_SUN = 10 * TRANSFER_FEE_SUN

export function owedSun(bytes: number, rateTrxPerGB: number): number {
  return Number((BigInt(bytes) * BigInt(rateTrxPerGB * SUN_PER_TRX)) / BYTES_PER_GB)
}

/** The session's payments as the receipts page lists them (status, amount, fee, txID, purpose). */
export async function receiptsOf(page: Page) {
  return page.evaluate(
    () =>
      new Promise<
        {
          status: string
          amountSun: number
          feeSun: number | null
          txId: string | null
          purpose?: string
          from: string
          to: string
        }[]
      >((resolve, reject) => {
        const open = indexedDB.open('tipping-torrent')
        open.onerror = () => reject(new Error('cannot open the database'))
        open.onsuccess = () => {
          const all = open.result.transaction('receipts').objectStore('receipts').getAll()
          all.onsuccess = () => {
            open.result.close()
            resolve(all.result)
          }
          all.onerror = () => reject(new Error('cannot read the receipts'))
        }
      }),
  )
}

export async function verifiedBytesFrom(page: Page, address: string): Promise<number> {
  const cell = page
    .getByRole('table', { name: 'Peers' })
    .locator(`tr[data-address="${address}"] td[data-bytes]`)
  return Number(await cell.getAttribute('data-bytes'))
}
