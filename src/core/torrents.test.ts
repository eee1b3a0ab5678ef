/**
 * The torrent workflows (src/core/torrents.ts with its Library and StorageRecovery) against in-memory
 * fakes of every port: the engine (src/testing/fake-torrent-engine.ts: torrents are records, stored
 * pieces a map), the library repository (src/testing/fake-library-repository.ts), the clock
 * (src/testing/fake-clock.ts: time moves only when a test advances it), the storage quota and the
 * notices (both record calls). Messages are the English catalog's.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { LibraryEntry } from '../db/library-db'
import { inspectTorrentFile, withTrackers } from '../torrent/input/torrent-file'
import { FakeClock } from '../testing/fake-clock'
import { FakeLibraryRepository } from '../testing/fake-library-repository'
import { FakeTorrentEngine, privateTorrentFile, tinyTorrentFile } from '../testing/fake-torrent-engine'
import { TRACKER_STOP_SETTLE_MS } from './library'
import { TorrentsWorkflow } from './torrents'

const USER_TRACKERS = ['wss://tracker.example']
let userTrackers: readonly string[] = USER_TRACKERS
const hash = (digit: string) => digit.repeat(40)

function entry(infoHash: string, changes: Partial<LibraryEntry> = {}): LibraryEntry {
  return {
    infoHash,
    name: `saved ${infoHash.slice(0, 4)}`,
    magnet: `magnet:?xt=urn:btih:${infoHash}`,
    torrentFile: null,
    addedAt: 1,
    paused: false,
    done: false,
    trackers: [],
    webSeeds: [],
    unwantedFiles: [],
    ...changes,
  }
}

let engine: FakeTorrentEngine
let clock: FakeClock
let alerts: string[]
let announcements: string[]
let quota: { refreshes: number; asks: number; askToPersistOnce(): Promise<void>; refresh(): Promise<void> }

function workflow(repository: FakeLibraryRepository): TorrentsWorkflow {
  return new TorrentsWorkflow({
    engine,
    repository,
    quota,
    clock,
    notices: { alert: (message) => alerts.push(message), announce: (message) => announcements.push(message) },
    userTrackers: () => userTrackers,
  })
}

/** Lets queued repository writes and awaited engine calls run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

beforeEach(() => {
  engine = new FakeTorrentEngine()
  userTrackers = USER_TRACKERS
  clock = new FakeClock()
  clock.time = 1_000_000
  alerts = []
  announcements = []
  quota = {
    refreshes: 0,
    asks: 0,
    askToPersistOnce() {
      this.asks++
      return Promise.resolve()
    },
    refresh() {
      this.refreshes++
      return Promise.resolve()
    },
  }
})

describe('restoring the saved library', () => {
  it('brings back paused and running torrents from their stored pieces, and a broken entry stops none of the others', async () => {
    const withMetadata = tinyTorrentFile('paused one', 12)
    const paused = (await inspectTorrentFile(withMetadata)).infoHash
    engine.stored.set(paused, new Set([0, 1, 9]))
    const repository = new FakeLibraryRepository([
      entry(paused, { torrentFile: withMetadata, paused: true, addedAt: 1 }),
      entry(hash('b'), { name: 'broken', addedAt: 2 }),
      entry(hash('c'), { addedAt: 3, trackers: ['wss://own.example'] }),
    ])
    engine.refuse.add(hash('b'))

    await workflow(repository).restore()

    expect([...engine.torrents.keys()]).toEqual([paused, hash('c')])
    const resumed = engine.torrents.get(paused)!
    expect(resumed.options.paused).toBe(true)
    // Pieces 0, 1 and 9 of 12: the verified set comes from storage, not from the saved record.
    expect([...resumed.options.verifiedPieces!]).toEqual([0b11000000, 0b01000000])
    // The saved entry's own tracker is in its magnet's place; the user's (Settings now) are added.
    expect(engine.torrents.get(hash('c'))!.options).toMatchObject({
      paused: false,
      trackers: USER_TRACKERS,
    })
    expect(alerts).toEqual([expect.stringContaining('Could not resume broken')])
    // The broken entry is kept: the next visit tries again.
    expect(repository.entries.has(hash('b'))).toBe(true)
    await settle()
    expect(announcements).toContain(`saved ${paused.slice(0, 4)}: 3 stored pieces checked, all intact`)
  })

  it('says so when the library cannot be read, and goes on with an empty list', async () => {
    const repository = new FakeLibraryRepository()
    repository.load = () => Promise.reject(new Error('blocked'))
    await workflow(repository).restore()
    expect(alerts).toEqual([expect.stringContaining('Could not read the saved torrent list')])
    expect(engine.torrents.size).toBe(0)
  })

  it('reads records that still carry the old bitfield, and no longer writes it', async () => {
    const old = { ...entry(hash('d')), bitfield: new Uint8Array([0xff]) }
    const repository = new FakeLibraryRepository([old])
    const core = workflow(repository)
    await core.restore()
    expect(engine.has(hash('d'))).toBe(true)

    core.pause(hash('d'))
    await settle()
    expect(repository.writes).toHaveLength(1)
    expect(repository.writes[0]).not.toHaveProperty('bitfield')
    // Progress alone writes nothing (the verified pieces are read from storage on resume).
    engine.progress(hash('d'), { downloaded: 5_000_000, progress: 0.5 })
    clock.advance(60_000)
    core.sample()
    await settle()
    expect(repository.writes).toHaveLength(1)
  })
})

describe('adding', () => {
  it('adds a torrent once, whichever way it comes in again, and remembers it once', async () => {
    const repository = new FakeLibraryRepository()
    const core = workflow(repository)
    const bytes = tinyTorrentFile('twice', 2)
    const infoHash = (await inspectTorrentFile(bytes)).infoHash

    expect(await core.addFromText(`magnet:?xt=urn:btih:${infoHash}&dn=twice`)).toBe(infoHash)
    expect(await core.addFromText(infoHash)).toBe(infoHash)
    const file = new File([bytes.slice()], 'twice.torrent')
    expect(await core.addTorrentFiles([file])).toBe(infoHash)

    expect(engine.adds).toHaveLength(1)
    expect(announcements.filter((text) => text === 'That torrent is already in your list.')).toHaveLength(2)
    await settle()
    expect([...repository.entries.keys()]).toEqual([infoHash])
    expect(repository.entries.get(infoHash)).toMatchObject({ paused: false, addedAt: clock.time })
    expect(quota.asks).toBeGreaterThan(0)
  })

  it('gives the user’s trackers to every public torrent, once, and stores only the torrent’s own', async () => {
    const repository = new FakeLibraryRepository()
    const core = workflow(repository)
    await core.addFromText(hash('1'))
    const udpOnly = `magnet:?xt=urn:btih:${hash('2')}&tr=${encodeURIComponent('udp://own.example:1337')}`
    await core.addFromText(udpOnly)
    await core.addFromText(
      `magnet:?xt=urn:btih:${hash('3')}&tr=${encodeURIComponent('WSS://Tracker.example/')}`,
    )
    expect(engine.adds.map((add) => add.options.trackers)).toEqual([USER_TRACKERS, USER_TRACKERS, []])
    await settle()
    expect(repository.entries.get(hash('1'))).toMatchObject({
      trackers: [],
      magnet: `magnet:?xt=urn:btih:${hash('1')}`,
    })
    expect(repository.entries.get(hash('2'))).toMatchObject({
      trackers: ['udp://own.example:1337'],
      magnet: udpOnly,
    })
  })

  it('gives a private .torrent none of the user’s trackers, at add and at restore', async () => {
    const bytes = privateTorrentFile('wss://private.example/announce')
    const infoHash = (await inspectTorrentFile(bytes)).infoHash
    const repository = new FakeLibraryRepository()
    await workflow(repository).addTorrentFiles([new File([bytes.slice()], 'private.torrent')])
    expect(engine.adds.map((add) => add.options.trackers)).toEqual([[]])
    await settle()
    const saved = repository.entries.get(infoHash)!
    expect(saved.trackers).toEqual(['wss://private.example/announce'])

    engine = new FakeTorrentEngine()
    await workflow(new FakeLibraryRepository([{ ...saved, torrentFile: bytes }])).restore()
    expect(engine.adds.map((add) => add.options.trackers)).toEqual([[]])
  })

  it('adds the trackers of Settings as they are at restore, not as they were at add', async () => {
    const repository = new FakeLibraryRepository([
      entry(hash('4'), { magnet: `magnet:?xt=urn:btih:${hash('4')}&tr=udp%3A%2F%2Fown.example%3A1337` }),
    ])
    userTrackers = ['wss://new.example']
    await workflow(repository).restore()
    expect(engine.adds.map((add) => add.options.trackers)).toEqual([['wss://new.example']])
  })

  it('saves the metadata with the torrent’s own trackers only', async () => {
    const repository = new FakeLibraryRepository()
    const core = workflow(repository)
    const bytes = tinyTorrentFile('saved', 2)
    const infoHash = (await inspectTorrentFile(bytes)).infoHash
    const own = 'udp://own.example:1337'
    await core.addFromText(`magnet:?xt=urn:btih:${infoHash}&tr=${encodeURIComponent(own)}`)
    // The engine's file names every tracker announced to, the user's included.
    engine.metadata(infoHash, withTrackers(bytes, [own, ...USER_TRACKERS]))
    core.sample()
    await settle()
    const saved = repository.entries.get(infoHash)!.torrentFile!
    expect((await inspectTorrentFile(saved)).trackers).toEqual([own])
  })

  it('explains, 20 s after a start with no peer, why none came; a resume starts the wait again', async () => {
    const core = workflow(new FakeLibraryRepository())
    await core.addFromText(
      `magnet:?xt=urn:btih:${hash('5')}&tr=${encodeURIComponent('udp://own.example:1337')}`,
    )
    clock.advance(19_000)
    core.sample()
    expect(core.noPeerExplanations).toEqual({})
    clock.advance(1_000)
    core.sample()
    expect(core.noPeerExplanations).toEqual({
      [hash('5')]: { reasons: ['only-udp-http-trackers', 'no-web-seed'] },
    })
    core.pause(hash('5'))
    core.resume(hash('5'))
    core.sample()
    expect(core.noPeerExplanations).toEqual({})
  })

  it('refuses an empty choice of .torrent files', async () => {
    await expect(workflow(new FakeLibraryRepository()).addTorrentFiles([])).rejects.toThrow(
      'No .torrent file',
    )
  })
})

describe('pausing, resuming, removing', () => {
  it('persists pause and resume', async () => {
    const repository = new FakeLibraryRepository()
    const core = workflow(repository)
    await core.addFromText(hash('e'))
    core.pause(hash('e'))
    expect(engine.torrents.get(hash('e'))!.info.paused).toBe(true)
    await settle()
    expect(repository.entries.get(hash('e'))!.paused).toBe(true)
    core.resume(hash('e'))
    await settle()
    expect(repository.entries.get(hash('e'))!.paused).toBe(false)
    expect(engine.torrents.get(hash('e'))!.info.paused).toBe(false)
  })

  it('remove with data deletes the stored pieces and the saved entry; without, keeps the pieces', async () => {
    const repository = new FakeLibraryRepository()
    const core = workflow(repository)
    await core.addFromText(hash('f'))
    await core.addFromText(hash('a'))
    engine.stored.set(hash('f'), new Set([0, 1]))
    engine.stored.set(hash('a'), new Set([3]))

    await core.remove(hash('f'), true)
    await core.remove(hash('a'), false)

    expect(engine.torrents.size).toBe(0)
    expect(engine.stored.has(hash('f'))).toBe(false)
    expect(engine.stored.get(hash('a'))).toEqual(new Set([3]))
    expect(repository.entries.size).toBe(0)
  })

  it('delete all removes every torrent, the pieces of torrents already gone, and the library', async () => {
    const repository = new FakeLibraryRepository()
    const core = workflow(repository)
    await core.addFromText(hash('1'))
    engine.stored.set(hash('9'), new Set([0])) // kept by an earlier "Remove"
    await core.removeAll()
    expect(engine.torrents.size).toBe(0)
    expect(engine.stored.size).toBe(0)
    expect(repository.entries.size).toBe(0)
    expect(quota.refreshes).toBe(1)
    expect(announcements.at(-1)).toBe('All torrents and their data were deleted')
  })
})

describe('a full disk', () => {
  async function downloadsASeedAndAPaused(repository: FakeLibraryRepository): Promise<TorrentsWorkflow> {
    const core = workflow(repository)
    for (const digit of ['1', '2', '3', '4']) await core.addFromText(hash(digit))
    engine.progress(hash('3'), { done: true, progress: 1 })
    core.pause(hash('4'))
    core.sample()
    return core
  }

  it('pauses every downloading torrent, says so once, and brings the dropped one back paused', async () => {
    const repository = new FakeLibraryRepository()
    await downloadsASeedAndAPaused(repository)

    engine.fail(hash('1'), true)
    // The second download fails too before its pause lands: still one alert.
    engine.fail(hash('2'), true)

    expect(alerts).toEqual([
      expect.stringMatching(/^Storage is full: “torrent 111111” and 1 other download were paused/),
    ])
    // The seed keeps seeding; the one the user paused stays as it was.
    expect(engine.torrents.get(hash('3'))!.info.paused).toBe(false)
    expect(engine.has(hash('1'))).toBe(false)

    // Re-added only after the old tracker connection has had time to close.
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(2))
    clock.advance(TRACKER_STOP_SETTLE_MS)
    await vi.waitFor(() => expect(engine.has(hash('1')) && engine.has(hash('2'))).toBe(true))
    expect(engine.torrents.get(hash('1'))!.info.paused).toBe(true)
    expect(engine.torrents.get(hash('2'))!.info.paused).toBe(true)
    await vi.waitFor(() => expect(quota.refreshes).toBe(2))
    for (const digit of ['1', '2', '4']) expect(repository.entries.get(hash(digit))!.paused).toBe(true)
    expect(repository.entries.get(hash('3'))!.paused).toBe(false)
    expect(alerts).toHaveLength(1)
  })

  it('resumes when the user says space was freed, and a disk full again is reported again', async () => {
    const repository = new FakeLibraryRepository()
    const core = await downloadsASeedAndAPaused(repository)
    engine.fail(hash('1'), true)
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1))
    clock.advance(TRACKER_STOP_SETTLE_MS)
    await vi.waitFor(() => expect(engine.has(hash('1'))).toBe(true))

    core.resume(hash('1'))
    await settle()
    expect(engine.torrents.get(hash('1'))!.info.paused).toBe(false)
    expect(repository.entries.get(hash('1'))!.paused).toBe(false)

    engine.fail(hash('1'), true)
    expect(alerts).toHaveLength(2)
    expect(alerts[1]).toMatch(/^Storage is full: “torrent 111111” was paused/)
  })

  it('does not bring back a torrent the user removed while it waited', async () => {
    const repository = new FakeLibraryRepository()
    const core = await downloadsASeedAndAPaused(repository)
    engine.fail(hash('1'), true)
    await core.remove(hash('1'), true)
    clock.advance(TRACKER_STOP_SETTLE_MS)
    await settle()
    expect(engine.has(hash('1'))).toBe(false)
    expect(repository.entries.has(hash('1'))).toBe(false)
  })

  it('other failures are reported with the torrent’s name and recover nothing', () => {
    const core = workflow(new FakeLibraryRepository())
    return core.addFromText(hash('7')).then(() => {
      core.sample()
      engine.fail(hash('7'), false)
      expect(alerts).toEqual(['torrent 777777 stopped: write failed'])
      expect(clock.pendingTimers).toBe(0)
    })
  })
})

describe('tracker health', () => {
  it('counts failures of the tracker a warning names and forgets them when it connects again', () => {
    const core = workflow(new FakeLibraryRepository())
    const changes = vi.fn()
    core.onChange(changes)
    const warning = 'Error connecting to wss://tracker.example'
    engine.emit({ type: 'warning', infoHash: null, message: warning })
    clock.advance(1_000)
    engine.emit({ type: 'warning', infoHash: null, message: warning })
    expect(core.trackers.problems).toEqual([
      { url: 'wss://tracker.example', failures: 2, lastFailureAt: clock.time },
    ])
    engine.emit({ type: 'tracker-connected', url: 'wss://tracker.example' })
    expect(core.trackers.problems).toEqual([])
    expect(changes).toHaveBeenCalledTimes(3)
  })
})
