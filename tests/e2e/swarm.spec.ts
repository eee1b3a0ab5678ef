import { expect, test } from './test'
import {
  addByText,
  expectComplete,
  fileHash,
  openPeer,
  progressOf,
  saveFileHash,
  seedAndCopyMagnet,
  setLimits,
  torrentItem,
} from './helpers'
import { randomFile } from './fixtures'

test('three peers: C finishes from B after the original seeder A has left', async ({ browser }) => {
  const fileName = 'random-3mb.bin'
  const filePath = await randomFile(fileName, 3 * 1024 * 1024)

  const a = await openPeer(browser)
  const b = await openPeer(browser)
  const c = await openPeer(browser)

  const magnet = await seedAndCopyMagnet(a, [filePath], fileName)
  await addByText(b.page, magnet)
  await expectComplete(torrentItem(b.page, fileName))

  // C is throttled so that it is still partway through when A leaves.
  await setLimits(c.page, { downloadKBps: '200' })
  await addByText(c.page, magnet)
  const itemOnC = torrentItem(c.page, fileName)
  await expect.poll(() => progressOf(itemOnC), { timeout: 30_000 }).toBeGreaterThan(5)
  await a.context.close()
  expect(await progressOf(itemOnC)).toBeLessThan(100)

  await setLimits(c.page, { downloadKBps: '' })
  await expectComplete(itemOnC)
  expect(await saveFileHash(c.page, fileName)).toBe(await fileHash(filePath))

  await b.context.close()
  await c.context.close()
})
