// Pure functions: nothing faked.
import { describe, expect, it } from 'vitest'
import { addedTrackers, isBrowserTracker, trackerKey } from './tracker-policy'

describe('trackerKey', () => {
  it('treats case of scheme and host, the default port and a lone slash as the same tracker', () => {
    const key = trackerKey('wss://tracker.example')
    expect(trackerKey('WSS://Tracker.Example/')).toBe(key)
    expect(trackerKey('wss://tracker.example:443')).toBe(key)
    expect(trackerKey('  wss://tracker.example/  ')).toBe(key)
    expect(trackerKey('ws://tracker.example:80/')).toBe(trackerKey('ws://tracker.example'))
  })

  it('keeps what tells trackers apart: scheme, port, path, query', () => {
    const key = trackerKey('wss://tracker.example')
    expect(trackerKey('ws://tracker.example')).not.toBe(key)
    expect(trackerKey('wss://tracker.example:7073')).not.toBe(key)
    expect(trackerKey('wss://tracker.example/announce')).not.toBe(key)
    expect(trackerKey('wss://tracker.example/?passkey=1')).not.toBe(key)
    expect(trackerKey('wss://tracker.example/Announce')).not.toBe(
      trackerKey('wss://tracker.example/announce'),
    )
  })

  it('leaves what is not a URL as written (trimmed)', () => {
    expect(trackerKey(' not a url ')).toBe('not a url')
  })
})

describe('addedTrackers', () => {
  const user = ['wss://user.example', 'ws://127.0.0.1:8000']

  it('adds the user’s trackers to a public torrent that names only UDP/HTTP trackers', () => {
    const own = ['udp://tracker.example:1337/announce', 'http://tracker.example/announce']
    expect(addedTrackers(own, user, false)).toEqual(user)
  })

  it('adds them to a torrent that names none, and to one that names other WebSocket trackers', () => {
    expect(addedTrackers([], user, false)).toEqual(user)
    expect(addedTrackers(['wss://other.example'], user, false)).toEqual(user)
  })

  it('does not add a tracker the torrent already names, however it is written', () => {
    expect(addedTrackers(['WSS://User.example/'], user, false)).toEqual(['ws://127.0.0.1:8000'])
  })

  it('adds each of the user’s trackers once, in the user’s order, as the user wrote it', () => {
    expect(addedTrackers([], ['wss://b.example/', 'wss://a.example', 'wss://B.example'], false)).toEqual([
      'wss://b.example/',
      'wss://a.example',
    ])
  })

  it('adds nothing to a private torrent', () => {
    expect(addedTrackers(['wss://private.example/announce'], user, true)).toEqual([])
    expect(addedTrackers([], user, true)).toEqual([])
  })

  it('adds nothing when the user has no trackers', () => {
    expect(addedTrackers(['udp://tracker.example:1337'], [], false)).toEqual([])
  })
})

describe('isBrowserTracker', () => {
  it('is true for WebSocket trackers only', () => {
    expect(isBrowserTracker('wss://tracker.example')).toBe(true)
    expect(isBrowserTracker('WS://127.0.0.1:8000')).toBe(true)
    expect(isBrowserTracker('udp://tracker.example:1337/announce')).toBe(false)
    expect(isBrowserTracker('http://tracker.example/announce')).toBe(false)
    expect(isBrowserTracker('https://tracker.example/announce')).toBe(false)
  })
})
