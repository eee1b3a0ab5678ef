/** Every fuzz target, with the cases each runs in the test suite (about a second each on two cores). */
import { runTarget, type Budget, type FuzzTarget, type TargetResult } from '../harness'
import { devnetApi, devnetHttp } from './devnet'
import { streamWorker } from './stream-worker'
import { tippingCodec } from './tipping-codec'
import { torrentInput, trackerList, trxAmounts } from './text-inputs'
import { bencodeTarget, torrentFile } from './torrent-files'

export interface Entry {
  name: string
  /** Cases in the bounded run of the test suite. */
  suiteCases: number
  run: (seed: number, budget: Budget, firstCase?: number) => Promise<TargetResult>
}

function entry<Context>(target: FuzzTarget<Context>, suiteCases: number): Entry {
  return {
    name: target.name,
    suiteCases,
    run: (seed, budget, firstCase) => runTarget(target, seed, budget, firstCase),
  }
}

export const TARGETS: readonly Entry[] = [
  entry(tippingCodec, 20_000),
  entry(torrentInput, 20_000),
  entry(trackerList, 8_000),
  entry(trxAmounts, 40_000),
  entry(bencodeTarget, 8_000),
  entry(torrentFile, 4_000),
  entry(streamWorker, 3_000),
  entry(devnetApi, 1_200),
  entry(devnetHttp, 1_500),
]
