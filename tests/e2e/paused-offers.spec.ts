/**
 * A paused torrent asks its trackers for no peers, so it sends no WebRTC offers. Stock WebTorrent
 * keeps announcing a paused torrent with five offers each time (and announces one added paused, as a
 * full disk or a reload brings it back): a seeder answers, keeps the half-open connection under our
 * peer id, and we drop our end at once because we are paused. Until that connection fails (15–30 s,
 * longer on a busy machine) the seeder refuses our real connection after Resume as a duplicate, and
 * the two sides can go on refusing each other's offers: in quota.spec.ts, run beside another spec,
 * the reconnection after Resume failed ICE ("Connection failed") for a whole minute.
 *
 * Observed at a tracker of the test's own (the real bittorrent-tracker server); nothing is faked.
 */
import { expect, test } from './test'
import { startTracker, type RunningTracker } from '../../tools/tracker'
import { randomFile } from './fixtures'
import {
  addThrottled,
  closePeers,
  expectComplete,
  infoHashOf,
  openPeer,
  progressOf,
  seedAndCopyMagnet,
  setLimits,
  torrentItem,
  useTrackers,
} from './helpers'

test('a paused torrent sends no connection offers, also when a reload brings it back paused, and completes after Resume', async ({
  browser,
}) => {
  const tracker = await startTracker(0)
  const fileName = 'paused-offers.bin'
  const filePath = await randomFile(fileName, 3 * 1024 * 1024)
  const seeder = await openPeer(browser)
  await useTrackers(seeder.page, [tracker.url])
  const magnet = await seedAndCopyMagnet(seeder, [filePath], fileName)
  const infoHash = infoHashOf(magnet)
  // The seeder keeps its peer id for as long as its page is open; every other id is the leecher's.
  await expect.poll(() => tracker.announces().length).toBeGreaterThan(0)
  const seederIds = new Set(tracker.announces().map((announce) => announce.peerId))
  const swarm = { tracker, infoHash, seederIds }

  const leecher = await openPeer(browser)
  await useTrackers(leecher.page, [tracker.url])
  await addThrottled(leecher, magnet, 100)
  const item = torrentItem(leecher.page, fileName)
  await expect.poll(() => progressOf(item)).toBeGreaterThan(0)
  // The leecher did offer connections while it was downloading: what follows can fail.
  expect(offersFromLeecher(swarm, 0)).toBeGreaterThan(0)

  await item.getByRole('button', { name: 'Pause', exact: true }).click()
  await expect(item).toContainText('Paused')
  // Offers made just before the click may still be on their way to the tracker.
  await expectNoOffersWhilePaused(swarm, Date.now() + 2_000)

  // Restored paused from storage, as after a full disk: added paused, it must not announce offers either.
  const reloaded = Date.now()
  await leecher.page.reload()
  await expect(item).toContainText('Paused')
  await expectNoOffersWhilePaused(swarm, reloaded)

  await setLimits(leecher.page, { downloadKBps: '' })
  const resumed = Date.now()
  await item.getByRole('button', { name: 'Resume', exact: true }).click()
  await expectComplete(item)
  expect(offersFromLeecher(swarm, resumed)).toBeGreaterThan(0)

  await closePeers(seeder, leecher)
  await tracker.close()
})

interface Swarm {
  tracker: RunningTracker
  infoHash: string
  seederIds: ReadonlySet<string>
}

function announcesSince({ tracker, infoHash }: Swarm, since: number) {
  return tracker.announces().filter((announce) => announce.infoHash === infoHash && announce.at >= since)
}

/** Offers the leecher announced since `since`. */
function offersFromLeecher(swarm: Swarm, since: number): number {
  return announcesSince(swarm, since)
    .filter((announce) => !swarm.seederIds.has(announce.peerId))
    .reduce((sum, announce) => sum + announce.offers, 0)
}

/**
 * Waits for two announces of the seeder since `since` (every peer re-announces on the tracker's
 * interval, the paused one included), then checks the leecher offered nothing meanwhile.
 */
async function expectNoOffersWhilePaused(swarm: Swarm, since: number) {
  const seederAnnounces = () =>
    announcesSince(swarm, since).filter((announce) => swarm.seederIds.has(announce.peerId)).length
  await expect.poll(seederAnnounces, { timeout: 30_000 }).toBeGreaterThanOrEqual(2)
  expect(offersFromLeecher(swarm, since)).toBe(0)
}
