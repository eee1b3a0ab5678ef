/**
 * `npm run bench:profile`: one 100 MB download from one browser peer with IndexedDB and tipping on,
 * as in the benchmark, with Chromium's CPU profiler running in the seeder and the leecher. Prints
 * where each page's main thread spent the time. The site is built unminified so functions keep names.
 */
import type { Browser } from '@playwright/test'
import { startStack } from '../tools/stack.ts'
import { openAppPeer, seedFile, shareAddress, startTipping, timeAddToDone } from './app-peer.ts'
import { launchChromium } from './browser.ts'
import { startCpuProfile, type ProfileSummary } from './cpu-profile.ts'
import { BENCH_FILE_BYTES, MB, writeRandomFile } from './random-file.ts'

const stack = await startStack(Number(process.env.PORT ?? 4273), Number(process.env.TRACKER_PORT ?? 8223), {
  testHooks: true,
  devnetPort: 0,
  minify: false,
})
const browser: Browser = await launchChromium()
try {
  const devnet = stack.devnet!
  const seeder = await openAppPeer(browser, stack.siteUrl, { devnet, account: 'bob' })
  await shareAddress(seeder.page)
  const magnet = await seedFile(seeder.page, await writeRandomFile('profile-100mb.bin', BENCH_FILE_BYTES))
  const leecher = await openAppPeer(browser, stack.siteUrl, { devnet, account: 'alice' })
  if (process.env.BENCH_STORE === 'memory')
    await leecher.page.evaluate(() => localStorage.setItem('bench:store', 'memory'))
  await startTipping(leecher.page, 100, 30)
  const stopSeeder = await startCpuProfile(seeder.page)
  const stopLeecher = await startCpuProfile(leecher.page)
  const milliseconds = await timeAddToDone(leecher.page, magnet)
  const [seederProfile, leecherProfile] = [await stopSeeder(), await stopLeecher()]
  console.log(`download: ${(BENCH_FILE_BYTES / MB / (milliseconds / 1000)).toFixed(1)} MB/s`)
  print('seeder', seederProfile)
  print('leecher', leecherProfile)
} finally {
  await browser.close()
  await stack.close()
}

function print(name: string, summary: ProfileSummary): void {
  console.log(
    `\n${name}: ${Math.round(summary.totalMs)} ms profiled, idle ${percent(summary.idleShare)}, ` +
      `garbage collection ${percent(summary.garbageCollectionShare)}`,
  )
  console.table(summary.top.map(({ where, selfMs, share }) => ({ where, selfMs, share: percent(share) })))
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`
}
