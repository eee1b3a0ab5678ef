/** Launching Debian's Chromium for the benchmark with the same flags as the end-to-end tests. */
import { chromium, type Browser } from '@playwright/test'

export function launchChromium(): Promise<Browser> {
  const runningAsRoot = process.getuid?.() === 0
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...(runningAsRoot ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
      '--autoplay-policy=no-user-gesture-required',
    ],
  })
}
