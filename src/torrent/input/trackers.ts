/** Tracker lists: the defaults, parsing what the user typed in settings, and reading tracker health. */
import { trackerKey } from './tracker-policy'

/** Public WebSocket trackers that WebTorrent peers (instant.io, btorrent, ...) announce to. */
export const PUBLIC_WEBSOCKET_TRACKERS: readonly string[] = [
  'wss://tracker.webtorrent.dev',
  'wss://tracker.openwebtorrent.com',
  'wss://tracker.btorrent.xyz',
  'wss://tracker.files.fm:7073/announce',
]

export const MAX_TRACKERS = 32
const MAX_TRACKER_URL_LENGTH = 512

export interface ParsedTrackerList {
  trackers: string[]
  /** Lines that were not tracker URLs, to tell the user rather than silently drop them. */
  rejected: string[]
}

/**
 * One URL per line; blank lines ignored; duplicates collapse (also when written differently, see
 * trackerKey); only ws/wss trackers work in a browser.
 */
export function parseTrackerList(text: string): ParsedTrackerList {
  const trackers: string[] = []
  const rejected: string[] = []
  const seen = new Set<string>()
  for (const line of text.split(/\r?\n/)) {
    const candidate = line.trim()
    if (candidate === '') continue
    const url = browserTrackerUrl(candidate)
    if (!url) rejected.push(candidate)
    else if (!seen.has(trackerKey(url)) && trackers.length < MAX_TRACKERS) {
      seen.add(trackerKey(url))
      trackers.push(url)
    }
  }
  return { trackers, rejected }
}

export function browserTrackerUrl(candidate: string): string | null {
  if (candidate.length > MAX_TRACKER_URL_LENGTH) return null
  try {
    const url = new URL(candidate)
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return null
    // URL normalises "wss://host" to "wss://host/"; keep what the user wrote when it was already valid.
    return candidate
  } catch {
    return null
  }
}

/**
 * WebTorrent reports tracker trouble only as free-text warnings. The WebSocket client's message names
 * the URL ("Error connecting to wss://..."), which is enough to tell the user which tracker is down.
 */
export function trackerNamedInWarning(message: string): string | null {
  const match = /error connecting to (wss?:\/\/\S+)/i.exec(message)
  return match?.[1] ?? null
}
