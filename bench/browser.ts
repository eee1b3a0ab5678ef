/** Launching Debian's Chromium for the benchmark with the same flags as the end-to-end tests. */
import { chromium, type Browser } from '@playwright/test'
import { CHROMIUM_PATH, chromiumArgs } from '../tools/chromium.ts'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs() })
}
