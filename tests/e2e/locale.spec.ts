/**
 * The interface in French and German: labels, number formats, TRX amounts typed with a decimal
 * comma, the choice kept across a reload, and the browser's language picked on a first visit.
 */
import { expect, test, type Page } from './test'
import { closePeers, openPeer, torrentItem } from './helpers'
import { randomFile } from './fixtures'
import { account, connectWallet, devnet, installWallet, walletPanel } from './wallet-fixtures'

const alice = account('alice')
const carol = account('carol')
/** French and German keep a number and its unit together with a no-break space. */
const NBSP = '\u00a0'

/** Opens the settings (whatever they are called now), picks a language by its own name, closes them. */
async function chooseLanguage(page: Page, settings: string, language: string, code: string): Promise<void> {
  await page.getByRole('button', { name: settings, exact: true }).click()
  await page.locator('select#language').selectOption(code)
  await expect(page.locator('html')).toHaveAttribute('lang', code)
  await expect(page.locator('select#language option:checked')).toHaveText(language)
}

test('French and German change the words and the numbers, and the choice survives a reload', async ({
  browser,
}) => {
  const peer = await openPeer(browser)
  const { page } = peer
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  const fileName = 'locale-sample.bin'
  await page.getByLabel('Seed files').setInputFiles(await randomFile(fileName, 1500))
  const item = torrentItem(page, fileName)
  await expect(item).toContainText('100% of 1.50 kB')

  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await expect(settings.getByRole('combobox', { name: 'Language' })).toHaveValue('en')
  await settings.getByRole('combobox', { name: 'Language' }).selectOption('fr')
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  // The open dialog follows at once: its heading, and so its accessible name.
  await expect(page.getByRole('dialog', { name: 'Paramètres' })).toBeVisible()
  await page.getByRole('button', { name: 'Terminé' }).click()
  await expect(page.getByRole('button', { name: 'Ajouter le torrent' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Fichiers', exact: true })).toBeVisible()
  await expect(item).toContainText(`1,50${NBSP}ko`)
  await expect(item).toContainText('En partage')
  await expect(item.getByRole('progressbar', { name: 'Progression du téléchargement' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  )

  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(page.getByRole('button', { name: 'Ajouter le torrent' })).toBeVisible()
  await expect(item).toContainText(`1,50${NBSP}ko`)

  await chooseLanguage(page, 'Paramètres', 'Deutsch', 'de')
  await expect(page.getByRole('dialog', { name: 'Einstellungen' })).toBeVisible()
  await page.getByRole('button', { name: 'Fertig' }).click()
  await expect(page.getByRole('button', { name: 'Torrent hinzufügen' })).toBeVisible()
  await expect(page.getByLabel('Dateien teilen')).toBeAttached()
  await expect(item).toContainText(`1,50${NBSP}kB`)
  await expect(item).toContainText('Wird geteilt')

  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  await expect(page.getByRole('button', { name: 'Torrent hinzufügen' })).toBeVisible()

  // And back: English is exactly what it was.
  await chooseLanguage(page, 'Einstellungen', 'English', 'en')
  await page.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('button', { name: 'Add torrent' })).toBeVisible()
  await expect(item).toContainText('100% of 1.50 kB')
  await closePeers(peer)
})

test('TRX amounts read and typed the German way: "." groups thousands, "," marks decimals', async ({
  browser,
}) => {
  const node = await devnet()
  const setup = installWallet(node, 'alice')
  const peer = await openPeer(browser, setup.prepare)
  const { page } = peer
  await connectWallet(peer, alice.address)
  expect(node.balanceOf(alice.address)).toBe(10_000_000_000)
  await expect(walletPanel(page).getByLabel('Balance')).toHaveText('10,000 TRX')

  await chooseLanguage(page, 'Settings', 'Deutsch', 'de')
  await page.getByRole('button', { name: 'Fertig' }).click()
  const balance = walletPanel(page).getByLabel('Guthaben')
  await expect(balance).toHaveText(`10.000${NBSP}TRX`)
  // The session panel's hint quotes the usual fees with a decimal comma.
  await expect(page.getByRole('region', { name: 'Trinkgeld-Sitzung' })).toContainText(`0,27${NBSP}TRX`)

  // A tip typed with a decimal comma pays exactly 1.5 TRX.
  const carolBefore = node.balanceOf(carol.address)
  await walletPanel(page).getByRole('button', { name: 'Trinkgeld senden' }).click()
  const dialog = page.getByRole('dialog', { name: 'Trinkgeld senden' })
  await dialog.getByRole('textbox', { name: 'Empfängeradresse' }).fill(carol.address)
  await dialog.getByRole('textbox', { name: 'Betrag (TRX)' }).fill('1,5')
  await dialog.getByRole('button', { name: 'Trinkgeld abschicken' }).click()
  await expect(dialog.getByRole('status')).toHaveAttribute('data-status', 'confirmed', { timeout: 30_000 })
  await expect(dialog.getByRole('status')).toContainText('Trinkgeld bestätigt.')
  expect(node.balanceOf(carol.address) - carolBefore).toBe(1_500_000)
  await dialog.getByRole('button', { name: 'Schließen' }).click()

  await page.getByRole('link', { name: 'Belege', exact: true }).click()
  const row = page.getByRole('table', { name: 'Belege' }).locator('tbody tr').first()
  await expect(row).toHaveAttribute('data-status', 'confirmed')
  await expect(row).toContainText('bestätigt')
  await expect(row.locator('td[data-sun="1500000"]')).toHaveText(`1,5${NBSP}TRX`)
  // The receipt's date in German order: day.month.year.
  await expect(row.locator('time')).toHaveText(/^\d{1,2}\.\d{1,2}\.\d{4}, \d{2}:\d{2}:\d{2}$/)

  // After a reload the balance is still German: what the devnet holds, grouped and with a comma.
  await page.reload()
  const left = node.balanceOf(alice.address)
  expect(left % 1_000_000).not.toBe(0)
  const whole = Math.floor(left / 1_000_000)
  const decimals = String(left % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '')
  const expected = `${Math.floor(whole / 1000)}.${String(whole % 1000).padStart(3, '0')},${decimals}${NBSP}TRX`
  await expect(walletPanel(page).getByLabel('Guthaben')).toHaveText(expected)
  await closePeers(peer)
  await node.close()
})

test('a browser set to French starts in French; one in a language the app lacks gets English', async ({
  browser,
}) => {
  const french = await browser.newContext({ locale: 'fr-FR' })
  const frenchPage = await french.newPage()
  await frenchPage.goto('/')
  await expect(frenchPage.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(frenchPage.getByRole('button', { name: 'Ajouter le torrent' })).toBeVisible()
  await expect(
    frenchPage.getByRole('textbox', { name: 'Lien magnet, info hash ou URL de torrent' }),
  ).toBeVisible()
  await expect(frenchPage.getByRole('button', { name: 'Connecter le portefeuille' })).toBeVisible()
  await frenchPage.getByRole('button', { name: 'Paramètres' }).click()
  await expect(frenchPage.getByRole('combobox', { name: 'Langue' })).toHaveValue('fr')
  // Storage figures in French: a decimal comma (or a whole number) and French units.
  await expect(frenchPage.getByRole('dialog', { name: 'Paramètres' })).toContainText(
    /[\d\u202f,]+\u00a0[kMGT]?o utilisés sur les [\d\u202f,]+\u00a0[kMGT]?o disponibles/,
  )

  const spanish = await browser.newContext({ locale: 'es-ES' })
  const spanishPage = await spanish.newPage()
  await spanishPage.goto('/')
  await expect(spanishPage.locator('html')).toHaveAttribute('lang', 'en')
  await expect(spanishPage.getByRole('button', { name: 'Add torrent' })).toBeVisible()

  await Promise.all([french.close(), spanish.close()])
})
