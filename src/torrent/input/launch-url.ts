/**
 * The app opened with a torrent to add: `/?magnet=<magnet link>`, which is what the browser opens for a
 * `magnet:` link once the app is registered as its handler (navigator.registerProtocolHandler, or the
 * manifest's protocol_handlers for the installed app).
 */

const PARAMETER = 'magnet'

/** The magnet link (or any text the add box accepts) carried by the address, or null. */
export function launchMagnet(url: URL): string | null {
  const value = url.searchParams.get(PARAMETER)?.trim()
  return value ? value : null
}

/** The same address without the parameter: a reload must not add the torrent a second time. */
export function withoutLaunchMagnet(url: URL): URL {
  const clean = new URL(url)
  clean.searchParams.delete(PARAMETER)
  return clean
}

/** Whether this browser lets a page offer itself for magnet links (Chromium and Firefox on desktop). */
export function canHandleMagnetLinks(): boolean {
  return typeof navigator.registerProtocolHandler === 'function'
}

/** Asks the browser to open magnet links here; the browser shows its own confirmation. */
export function registerMagnetHandler(origin: string): void {
  navigator.registerProtocolHandler('magnet', `${origin}/?${PARAMETER}=%s`)
}
