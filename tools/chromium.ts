/** How tests and the benchmark start Debian's Chromium (Playwright cannot download its own here). */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function chromiumArgs(): string[] {
  const runningAsRoot = process.getuid?.() === 0
  return [
    ...(runningAsRoot ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    // Without these Chromium keeps dialling Google services that a closed network refuses.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Peers in background contexts must not be throttled, or a seeder in another context slows down.
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
    '--autoplay-policy=no-user-gesture-required',
  ]
}
