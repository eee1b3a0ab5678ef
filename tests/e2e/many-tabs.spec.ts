/**
 * The app open in many tabs: one tab runs the engine (a Web Lock), the others say so and open no
 * peer connection, a tab takes over on request, and a magnet opened in a new tab is asked about in
 * the running one. Real Chromium, one browser profile (the tabs share IndexedDB and locks), the real
 * tracker; each page counts the RTCPeerConnection and WebSocket objects it builds (an init script).
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './test'
import { expectComplete, openPeer, torrentItem } from './helpers'

const INFO_HASH = '2e6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b'
const OFFERED = 'offered in a new tab.mp4'
const MAGNET = `magnet:?xt=urn:btih:${INFO_HASH}&dn=${encodeURIComponent(OFFERED)}`

/** Runs in each page before its scripts: counts the connections the page opens to anyone. */
function countConnections(): void {
  const counts = { peerConnections: 0, sockets: 0 }
  Object.assign(window, { connectionCounts: counts })
  const NativePeerConnection = window.RTCPeerConnection
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args)
      counts.peerConnections++
    }
  }
  const NativeSocket = window.WebSocket
  window.WebSocket = class extends NativeSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args)
      counts.sockets++
    }
  }
}

function connectionCounts(page: Page): Promise<{ peerConnections: number; sockets: number }> {
  return page.evaluate(
    () =>
      (window as unknown as { connectionCounts: { peerConnections: number; sockets: number } })
        .connectionCounts,
  )
}

const deferral = (page: Page) => page.getByRole('status').filter({ hasText: 'runs in another tab' })

test('a second tab defers (no peer connection), takes over on request, and a magnet opened in a new tab is asked about in the running one', async ({
  browser,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'many-tabs-'))
  const file = join(dir, 'kept in one tab.bin')
  await writeFile(file, randomBytes(300_000))
  const first = await openPeer(browser)
  await first.page.getByLabel('Seed files').setInputFiles([file])
  await expectComplete(torrentItem(first.page, 'kept in one tab.bin'))

  // A second tab of the same profile: the library is there, but the engine runs in the first tab.
  await first.context.addInitScript(countConnections)
  const second = await first.context.newPage()
  await second.goto('/')
  await expect(deferral(second)).toBeVisible()
  await expect(second.getByRole('button', { name: 'Run here' })).toBeVisible()
  // Time for an engine, had one been started, to reach the tracker.
  await second.waitForTimeout(3_000)
  expect(await connectionCounts(second)).toEqual({ peerConnections: 0, sockets: 0 })
  await expect(second.getByRole('list', { name: 'Torrents' }).getByRole('listitem')).toHaveCount(0)

  // Taking over: the first tab lets go and defers, the second restores the library and runs it.
  await second.getByRole('button', { name: 'Run here' }).click()
  await expectComplete(torrentItem(second, 'kept in one tab.bin'))
  await expect(deferral(second)).toHaveCount(0)
  await expect(deferral(first.page)).toBeVisible()
  await expect(first.page.getByRole('list', { name: 'Torrents' }).getByRole('listitem')).toHaveCount(0)

  // A magnet opened in a third tab goes to the running tab, which asks; the third tab says where it went.
  const third = await first.context.newPage()
  await third.goto(`/?magnet=${encodeURIComponent(MAGNET)}`)
  await expect(third.getByRole('status').filter({ hasText: 'sent to the tab' })).toBeVisible()
  await expect(third.getByRole('dialog', { name: 'Add this torrent?' })).toHaveCount(0)
  const dialog = second.getByRole('dialog', { name: 'Add this torrent?' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(OFFERED)
  await expect(torrentItem(second, OFFERED)).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Add' }).click()
  await expect(torrentItem(second, OFFERED)).toBeVisible()
  expect(await connectionCounts(third)).toEqual({ peerConnections: 0, sockets: 0 })
  await expect(first.page.getByRole('dialog', { name: 'Add this torrent?' })).toHaveCount(0)

  await first.context.close()
})
