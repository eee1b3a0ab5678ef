import { createRequire } from 'node:module'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { AxeResults } from 'axe-core'
import { makeMedia, mkvWithSubtitles, srtCues } from '../../tools/media/make-media'
import { expect, test } from './test'
import { addByText, closePeers, expectComplete, openPeer, SAMPLE_VIDEO } from './helpers'

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const MKV_NAME = 'subtitled-film.mkv'
const SIDECAR_NAME = 'test-pattern.en.srt'

/** The text of the cue showing now in the video's showing text track, or '' when none is. */
function activeCueText(page: Page): Promise<string> {
  return page.locator('video').evaluate((video: HTMLVideoElement) => {
    const showing = Array.from(video.textTracks).find((track) => track.mode === 'showing')
    const cue = showing?.activeCues?.[0]
    return cue instanceof VTTCue ? cue.text : ''
  })
}

function playFile(page: Page, fileName: string) {
  return page
    .getByRole('list', { name: 'Files' })
    .getByRole('listitem')
    .filter({ hasText: fileName })
    .getByRole('button', { name: 'Play' })
    .click()
}

test('a sidecar .srt and an embedded MKV subtitle track show their cues in the player, and the choice survives a reload', async ({
  browser,
}) => {
  const folder = await mkdtemp(join(tmpdir(), 'subtitles-'))
  const sidecar = join(folder, SIDECAR_NAME)
  await writeFile(sidecar, srtCues({ seconds: 70, every: 2, prefix: 'Sidecar cue' }))
  const mkv = await makeMedia(mkvWithSubtitles({ seconds: 20, fileName: MKV_NAME }))

  const seeder = await openPeer(browser)
  // The leecher's page lets the test inject the axe scanner (the page's own policy allows no inline script).
  const leecher = await openPeer(browser, undefined, { bypassCSP: true })

  // A folder-like torrent: a video, its subtitles beside it, and a film carrying its own tracks.
  await seeder.page.getByLabel('Seed files').setInputFiles([SAMPLE_VIDEO, sidecar, mkv])
  const seeded = seeder.page.getByRole('list', { name: 'Torrents' }).getByRole('listitem').first()
  await expectComplete(seeded)
  await seeded.click()
  await seeder.page.getByRole('button', { name: 'Copy magnet link' }).click()
  const magnet = await seeder.page.evaluate(() => navigator.clipboard.readText())

  await addByText(leecher.page, magnet)
  const page = leecher.page
  await page.getByRole('list', { name: 'Torrents' }).getByRole('listitem').first().click()

  // The sidecar: offered under its language and file name, its cues shown while the video plays.
  await playFile(page, 'test-pattern.webm')
  const picker = page.getByRole('combobox', { name: 'Subtitles' })
  await expect(picker.getByRole('option', { name: `English (${SIDECAR_NAME})` })).toBeAttached()
  await picker.selectOption({ label: `English (${SIDECAR_NAME})` })
  await expect.poll(() => activeCueText(page), { timeout: 30_000 }).toMatch(/^Sidecar cue \d+$/)

  // The MKV: its SRT ("eng") and ASS ("fra") tracks are read from the file's bytes as they arrive.
  await playFile(page, MKV_NAME)
  await expect(picker.getByRole('option', { name: /^French/ })).toBeAttached({ timeout: 30_000 })
  await expect(picker.getByRole('option', { name: /^English \(embedded/ })).toBeAttached()
  await picker.selectOption({
    label: (await picker.getByRole('option', { name: /^French/ }).textContent()) ?? '',
  })
  await expect.poll(() => activeCueText(page), { timeout: 30_000 }).toMatch(/^Embedded cue \d+$/)
  // The picker passes the accessibility scan the other views pass.
  await page.addScriptTag({ path: AXE_SCRIPT })
  const scan = await page.evaluate(() =>
    (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run(),
  )
  expect(
    scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([])
  const chosen = await picker.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text ?? '')

  // After a reload the same film comes back with the same track showing.
  await page.reload()
  await page.getByRole('list', { name: 'Torrents' }).getByRole('listitem').first().click()
  await playFile(page, MKV_NAME)
  await expect(picker).toHaveValue(/.+/)
  await expect
    .poll(() => picker.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text ?? ''), {
      timeout: 30_000,
    })
    .toBe(chosen)
  await expect.poll(() => activeCueText(page), { timeout: 30_000 }).toMatch(/^Embedded cue \d+$/)

  await closePeers(seeder, leecher)
})
