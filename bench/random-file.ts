/** Random files on disk for the benchmark's torrents (random, so nothing along the way can compress them). */
import { randomBytes } from 'node:crypto'
import { mkdtemp, open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The size of the benchmark's "100 MB" torrent. */
export const BENCH_FILE_BYTES = 100 * 1024 * 1024
/** Throughput is printed in MB/s of 10^6 bytes. */
export const MB = 1_000_000

/** Writes `bytes` random bytes in 16 MiB steps (a 1 GB file never sits in Node's memory whole). */
export async function writeRandomFile(name: string, bytes: number): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'bench-')), name)
  const file = await open(path, 'w')
  try {
    const step = 16 * 1024 * 1024
    for (let written = 0; written < bytes; written += step) {
      await file.write(randomBytes(Math.min(step, bytes - written)))
    }
  } finally {
    await file.close()
  }
  return path
}
