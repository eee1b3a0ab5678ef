/**
 * The benchmark's realistic media is made by ffmpeg (tools/media/make-media.ts). Like the CI script,
 * the benchmark installs Debian's ffmpeg when it is missing, and says plainly when it cannot.
 */
import { execFileSync } from 'node:child_process'

function hasFfmpeg(): boolean {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Returns when ffmpeg runs; otherwise installs it with apt-get, or throws saying what to do. */
export function ensureFfmpeg(): void {
  if (hasFfmpeg()) return
  console.log('ffmpeg is missing: installing Debian’s ffmpeg (it makes the realistic media)…')
  const sudo = process.getuid?.() === 0 ? [] : ['sudo']
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    const apt = (args: string[]) => {
      const [command = 'apt-get', ...rest] = [...sudo, 'apt-get', ...args]
      execFileSync(command, rest, { stdio: 'inherit', env })
    }
    apt(['update', '-qq'])
    apt(['install', '-y', '-qq', '--no-install-recommends', 'ffmpeg'])
  } catch {
    // Falls through to the message below.
  }
  if (!hasFfmpeg()) {
    throw new Error(
      'ffmpeg is missing and could not be installed: install it (Debian: apt-get install ffmpeg) and run the benchmark again',
    )
  }
}
