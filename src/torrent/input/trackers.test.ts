import { describe, expect, it } from 'vitest'
import {
  MAX_TRACKERS,
  PUBLIC_WEBSOCKET_TRACKERS,
  browserTrackerUrl,
  parseTrackerList,
  trackerNamedInWarning,
} from './trackers'

describe('parseTrackerList', () => {
  it('returns nothing for empty text', () => {
    expect(parseTrackerList('')).toEqual({ trackers: [], rejected: [] })
    expect(parseTrackerList('\n  \n\t\n')).toEqual({ trackers: [], rejected: [] })
  })

  it('reads one URL per line, ignoring blank lines and surrounding whitespace', () => {
    const text = '\n  wss://a.example/announce  \n\n\twss://b.example\n   \n'
    expect(parseTrackerList(text)).toEqual({
      trackers: ['wss://a.example/announce', 'wss://b.example'],
      rejected: [],
    })
  })

  it('accepts CRLF line endings', () => {
    expect(parseTrackerList('wss://a.example\r\nws://b.example:8000\r\n')).toEqual({
      trackers: ['wss://a.example', 'ws://b.example:8000'],
      rejected: [],
    })
  })

  it('collapses duplicates, keeping the first occurrence order', () => {
    const text = 'wss://a.example\nwss://b.example\nwss://a.example\n  wss://b.example  '
    expect(parseTrackerList(text).trackers).toEqual(['wss://a.example', 'wss://b.example'])
  })

  it('collapses one tracker written two ways, keeping the first spelling', () => {
    const text = 'wss://a.example\nWSS://A.example/\nwss://a.example:443'
    expect(parseTrackerList(text).trackers).toEqual(['wss://a.example'])
  })

  it('rejects and reports non-WebSocket trackers and garbage', () => {
    const text = [
      'wss://ok.example/announce',
      'http://tracker.example/announce',
      'https://tracker.example/announce',
      'udp://tracker.example:1337/announce',
      'not a url',
      'tracker.example',
    ].join('\n')
    const result = parseTrackerList(text)
    expect(result.trackers).toEqual(['wss://ok.example/announce'])
    expect(result.rejected).toEqual([
      'http://tracker.example/announce',
      'https://tracker.example/announce',
      'udp://tracker.example:1337/announce',
      'not a url',
      'tracker.example',
    ])
  })

  it(`keeps at most MAX_TRACKERS (${MAX_TRACKERS}) trackers`, () => {
    const lines = Array.from({ length: MAX_TRACKERS + 8 }, (_, i) => `wss://t${i}.example/announce`)
    const result = parseTrackerList(lines.join('\n'))
    expect(result.trackers).toHaveLength(MAX_TRACKERS)
    expect(result.trackers).toEqual(lines.slice(0, MAX_TRACKERS))
    expect(result.rejected).toEqual([])
  })

  it('still reports invalid lines after the cap is reached', () => {
    const lines = Array.from({ length: MAX_TRACKERS + 1 }, (_, i) => `wss://t${i}.example`)
    lines.push('http://late.example')
    expect(parseTrackerList(lines.join('\n')).rejected).toEqual(['http://late.example'])
  })

  it('rejects an over-long URL', () => {
    const long = `wss://tracker.example/${'a'.repeat(600)}`
    expect(parseTrackerList(`${long}\nwss://ok.example`)).toEqual({
      trackers: ['wss://ok.example'],
      rejected: [long],
    })
  })

  it('accepts the built-in public trackers', () => {
    const result = parseTrackerList(PUBLIC_WEBSOCKET_TRACKERS.join('\n'))
    expect(result.trackers).toEqual([...PUBLIC_WEBSOCKET_TRACKERS])
    expect(result.rejected).toEqual([])
  })
})

describe('browserTrackerUrl', () => {
  it('accepts ws and wss URLs exactly as written', () => {
    expect(browserTrackerUrl('wss://tracker.example')).toBe('wss://tracker.example')
    expect(browserTrackerUrl('ws://localhost:8000/announce')).toBe('ws://localhost:8000/announce')
    expect(browserTrackerUrl('WSS://Tracker.Example')).toBe('WSS://Tracker.Example')
  })

  it('refuses other protocols', () => {
    expect(browserTrackerUrl('http://tracker.example/announce')).toBeNull()
    expect(browserTrackerUrl('https://tracker.example/announce')).toBeNull()
    expect(browserTrackerUrl('udp://tracker.example:80')).toBeNull()
    expect(browserTrackerUrl('javascript:alert(1)')).toBeNull()
  })

  it('refuses text that is not a URL', () => {
    expect(browserTrackerUrl('')).toBeNull()
    expect(browserTrackerUrl('tracker.example')).toBeNull()
    expect(browserTrackerUrl('wss://')).toBeNull()
  })

  it('refuses URLs longer than 512 characters', () => {
    const prefix = 'wss://tracker.example/'
    const atLimit = prefix + 'a'.repeat(512 - prefix.length)
    expect(browserTrackerUrl(atLimit)).toBe(atLimit)
    expect(browserTrackerUrl(atLimit + 'a')).toBeNull()
  })
})

describe('trackerNamedInWarning', () => {
  it('extracts the tracker URL from a WebSocket connection error', () => {
    expect(trackerNamedInWarning('Error connecting to wss://x.y/announce')).toBe('wss://x.y/announce')
    expect(trackerNamedInWarning('Error connecting to ws://localhost:8000')).toBe('ws://localhost:8000')
  })

  it('ignores case and surrounding text', () => {
    expect(trackerNamedInWarning('warning: error CONNECTING to wss://t.example/a (timeout)')).toBe(
      'wss://t.example/a',
    )
  })

  it('returns null for unrelated messages', () => {
    expect(trackerNamedInWarning('')).toBeNull()
    expect(trackerNamedInWarning('Invalid tracker response')).toBeNull()
    expect(trackerNamedInWarning('Error connecting to peer 1.2.3.4')).toBeNull()
    expect(trackerNamedInWarning('Error connecting to http://x.y/announce')).toBeNull()
    expect(trackerNamedInWarning('connection refused: wss://x.y/announce')).toBeNull()
  })
})
