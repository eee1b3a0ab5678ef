/**
 * Which end-to-end specs may run beside another one (playwright.config.ts, two workers). Two
 * projects, one test at a time in each: "chain" holds specs that spend their time waiting on a devnet (mainnet-like
 * confirmations, the page's node request budget, backoffs after refusals), "peers" holds the rest,
 * whose WebRTC transfers use the CPU. So one waiting spec runs beside one busy spec.
 *
 * faults.spec.ts waits on a node taken down and a seeder's upload limit, so it balances the two.
 *
 * Every spec not listed here runs in "peers", one test at a time as before: a new spec is safe by
 * default and joins "chain" only when listed. A "chain" spec must seed only content made fresh for
 * the test (randomFile): two tests seeding the same file (the sample video, the demo torrent, a cached
 * ffmpeg recipe) announce the same info hash to the suite's one tracker and would find each other's
 * peers. tools/e2e-projects.test.ts checks that.
 */
export const CHAIN_SPECS: readonly string[] = [
  'mainnet-pace.spec.ts',
  'payment-faults.spec.ts',
  'node-use.spec.ts',
  'session-wallet.spec.ts',
  'wallet.spec.ts',
  'faults.spec.ts',
]

/**
 * Specs that must have the machine to themselves: project "alone", which starts once "chain" and
 * "peers" are over. media-formats.spec.ts decodes Dolby audio in the page in real time and measures
 * how far sound and picture drift apart; CPU taken by another spec's transfers delays the decoder, and
 * in one full run the sound stayed silent for 20 s while the picture played.
 */
export const ALONE_SPECS: readonly string[] = ['media-formats.spec.ts']
