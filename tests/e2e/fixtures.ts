/** Test data written to a temporary folder: random bytes so every run seeds a new torrent. */
import { randomBytes } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export async function randomFile(fileName: string, bytes: number): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'tipping-torrent-'))
  const path = join(directory, fileName)
  await writeFile(path, randomBytes(bytes))
  return path
}
