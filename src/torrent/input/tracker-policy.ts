/**
 * Which trackers a torrent is announced to. A torrent names its own (magnet `tr=`, .torrent
 * `announce-list`); the user's WebSocket trackers from Settings are added to every public torrent at
 * start, never stored with it, so a change in Settings applies at the next start. A private torrent
 * (BEP 27: `private: 1` in its info dictionary) keeps to its own trackers only.
 */

/**
 * The form two URLs of one tracker share: scheme and host in lower case, the default port and a
 * lone trailing slash dropped ("WSS://Tracker.example:443/" and "wss://tracker.example" are one).
 */
export function trackerKey(url: string): string {
  try {
    const parsed = new URL(url.trim())
    const path = parsed.pathname === '/' ? '' : parsed.pathname
    return `${parsed.protocol}//${parsed.host}${path}${parsed.search}`
  } catch {
    return url.trim()
  }
}

/** The user's trackers this torrent does not already name, each once, in the user's order. */
export function addedTrackers(own: readonly string[], user: readonly string[], isPrivate: boolean): string[] {
  if (isPrivate) return []
  const seen = new Set(own.map(trackerKey))
  const added: string[] = []
  for (const url of user) {
    const key = trackerKey(url)
    if (seen.has(key)) continue
    seen.add(key)
    added.push(url)
  }
  return added
}

/** Whether a browser can announce to this tracker: WebTorrent in a page speaks only WebSocket. */
export function isBrowserTracker(url: string): boolean {
  return /^wss?:\/\//i.test(url.trim())
}
