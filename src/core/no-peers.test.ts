// Pure logic: torrents are plain TorrentInfo records (fakeInfo), time is a number passed in.
import { describe, expect, it } from 'vitest'
import { fakeInfo } from '../testing/fake-torrent-engine'
import { NO_PEER_DELAY_MS, NoPeerWatch, type StartFacts } from './no-peers'

const HASH = 'a'.repeat(40)
const USER = 'wss://user.example'
const PUBLIC_SITE: StartFacts = {
  ownTrackers: ['udp://tracker.example:1337/announce', 'http://tracker.example/announce'],
  announcedTo: ['udp://tracker.example:1337/announce', 'http://tracker.example/announce', USER],
  webSeeds: [],
}
const alone = fakeInfo(HASH, { peers: 0, done: false, paused: false })

function watching(facts: StartFacts = PUBLIC_SITE): NoPeerWatch {
  const watch = new NoPeerWatch()
  watch.started(HASH, facts, 0)
  return watch
}

describe('NoPeerWatch', () => {
  it('waits 20 s by default before explaining', () => {
    expect(NO_PEER_DELAY_MS).toBe(20_000)
    const watch = watching()
    expect(watch.explain([alone], [], 19_999)).toEqual({})
    expect(watch.explain([alone], [], 20_000)[HASH]).toBeDefined()
  })

  it('names UDP/HTTP-only trackers and the missing web seed when the user’s tracker answers', () => {
    expect(watching().explain([alone], [], 20_000)).toEqual({
      [HASH]: { reasons: ['only-udp-http-trackers', 'no-web-seed'] },
    })
  })

  it('says no WebSocket tracker answered when every one of them is failing, however written', () => {
    const problems = [{ url: 'WSS://user.example/', failures: 3, lastFailureAt: 1 }]
    expect(watching().explain([alone], problems, 20_000)[HASH]?.reasons).toEqual([
      'only-udp-http-trackers',
      'websocket-trackers-silent',
      'no-web-seed',
    ])
  })

  it('says there is no WebSocket tracker at all when none is announced to', () => {
    const facts = { ...PUBLIC_SITE, announcedTo: PUBLIC_SITE.ownTrackers }
    expect(watching(facts).explain([alone], [], 20_000)[HASH]?.reasons).toContain('no-websocket-tracker')
  })

  it('names no tracker cause for a torrent with its own WebSocket tracker and a web seed', () => {
    const facts = { ownTrackers: [USER], announcedTo: [USER], webSeeds: ['https://seed.example/'] }
    expect(watching(facts).explain([alone], [], 20_000)).toEqual({ [HASH]: { reasons: [] } })
  })

  it('stays away once a peer has connected, for this start', () => {
    const watch = watching()
    expect(watch.explain([{ ...alone, peers: 1 }], [], 5_000)).toEqual({})
    expect(watch.explain([alone], [], 30_000)).toEqual({})
    // Resumed later: the wait starts again.
    watch.restarted(HASH, 40_000)
    expect(watch.explain([alone], [], 59_999)).toEqual({})
    expect(watch.explain([alone], [], 60_000)[HASH]).toBeDefined()
  })

  it('disappears when a peer connects after the explanation showed', () => {
    const watch = watching()
    expect(watch.explain([alone], [], 25_000)[HASH]).toBeDefined()
    expect(watch.explain([{ ...alone, peers: 1 }], [], 26_000)).toEqual({})
  })

  it('says nothing for a torrent seeding, paused, forgotten or never started here', () => {
    const watch = watching()
    expect(watch.explain([{ ...alone, done: true }], [], 30_000)).toEqual({})
    expect(watch.explain([{ ...alone, paused: true }], [], 30_000)).toEqual({})
    expect(watch.explain([fakeInfo('b'.repeat(40), { peers: 0 })], [], 30_000)).toEqual({})
    watch.forget(HASH)
    expect(watch.explain([alone], [], 30_000)).toEqual({})
  })
})
