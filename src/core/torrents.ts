/**
 * The torrent workflows, in plain TypeScript behind ports: bringing back the saved library, adding
 * (every way of adding ends in one #start, which refuses duplicates), pausing, resuming and removing
 * with their persistence, recovery from a full disk, and deleting everything. The store
 * (src/state/torrents.svelte.ts) mirrors what this reports and turns clicks into these calls.
 */
import { describeError, UserFacingError } from '../shared/errors'
import { t } from '../i18n/translate'
import { loadDemoTorrent } from '../torrent/engine/demo'
import type { EngineEvent, TorrentEngine, TorrentInfo } from '../torrent/engine/engine'
import { fetchTorrentFile } from '../torrent/input/fetch-torrent'
import { magnetFor, parseTorrentInput } from '../torrent/input/input'
import { inspectTorrentFile, MAX_TORRENT_FILE_BYTES } from '../torrent/input/torrent-file'
import type { MediaKind } from '../torrent/engine/media'
import { addedTrackers } from '../torrent/input/tracker-policy'
import { Library } from './library'
import { NoPeerWatch, type NoPeerExplanation, type StartFacts } from './no-peers'
import type { Clock, LibraryRepository, Notifier, StorageQuota } from './ports'
import { StorageRecovery } from './storage-recovery'
import { TrackerHealth } from './tracker-health'

export interface Playback {
  infoHash: string
  fileIndex: number
  fileName: string
  kind: MediaKind
  url: string
}

export interface TorrentsPorts {
  engine: TorrentEngine
  repository: LibraryRepository
  quota: StorageQuota
  clock: Clock
  notices: Notifier
  /** The user's own trackers (settings), read at each add. */
  userTrackers(): readonly string[]
}

/** What a torrent brings of its own, whichever way it came in. */
interface Origin {
  ownTrackers: readonly string[]
  webSeeds: readonly string[]
  isPrivate: boolean
  /** What the library saves as the magnet: the one pasted, or one naming only the own trackers. */
  magnet?: string
  /** Web seeds from outside the magnet or file (the demo's), given to the engine and saved. */
  extraWebSeeds?: readonly string[]
}

export class TorrentsWorkflow {
  readonly engine: TorrentEngine
  readonly trackers: TrackerHealth
  readonly #ports: TorrentsPorts
  readonly #library: Library
  readonly #recovery: StorageRecovery
  readonly #changeListeners = new Set<() => void>()
  readonly #noPeers = new NoPeerWatch()
  #noPeerExplanations: Record<string, NoPeerExplanation> = {}
  /** The last sample: a torrent the engine has just dropped is still named in it. */
  #lastSample: readonly TorrentInfo[] = []

  constructor(ports: TorrentsPorts) {
    this.#ports = ports
    this.engine = ports.engine
    this.trackers = new TrackerHealth(ports.clock)
    this.#library = new Library(
      ports.engine,
      ports.repository,
      ports.clock,
      {
        onWriteError: (error) => ports.notices.alert(describeError(error, t('torrents.listUnsaved'))),
        onAudited: (name, { checked, damaged }) =>
          ports.notices.announce(
            damaged.length === 0
              ? t('torrents.auditIntact', { name, count: checked })
              : t('torrents.auditDamaged', { name, count: checked, damaged: damaged.length }),
          ),
        onStarted: (infoHash, facts) => this.#noPeers.started(infoHash, facts, ports.clock.now()),
      },
      () => ports.userTrackers(),
    )
    this.#recovery = new StorageRecovery(ports.engine, this.#library, ports.notices, ports.quota)
    // Never unsubscribed: the workflow is made once per engine, in main.ts, and lives as long as it.
    ports.engine.onEvent((event) => this.#onEngineEvent(event))
  }

  /** `listener` hears that the list (or the tracker problems) changed outside the regular sampling. */
  onChange(listener: () => void): () => void {
    this.#changeListeners.add(listener)
    return () => this.#changeListeners.delete(listener)
  }

  /** Brings back the torrents of earlier visits: incomplete ones resume, complete ones seed again. */
  async restore(): Promise<void> {
    try {
      const failures = await this.#library.restore()
      for (const { entry, error } of failures) {
        this.#ports.notices.alert(describeError(error, t('torrents.resumeFailed', { name: entry.name })))
      }
    } catch (error) {
      this.#ports.notices.alert(describeError(error, t('torrents.listUnreadable')))
    }
  }

  /** The engine's statistics now; the library saves what it learns from them (name, metadata, done). */
  sample(): TorrentInfo[] {
    const list = this.engine.snapshot()
    this.#library.sync(list)
    this.#lastSample = list
    this.#noPeerExplanations = this.#noPeers.explain(list, this.trackers.problems, this.#ports.clock.now())
    return list
  }

  /** Why each torrent that has found no peer for a while has none, by info hash (as of the last sample). */
  get noPeerExplanations(): Readonly<Record<string, NoPeerExplanation>> {
    return this.#noPeerExplanations
  }

  /** A magnet, an info hash or the URL of a .torrent file; resolves with the torrent's info hash. */
  async addFromText(text: string): Promise<string> {
    const input = parseTorrentInput(text)
    if (input.kind === 'url') return this.#startFromTorrentFile(await fetchTorrentFile(input.url))
    if (input.kind === 'magnet') {
      const { magnet, trackers, webSeeds } = input
      return this.#start(magnet, input.infoHash, {
        ownTrackers: trackers,
        webSeeds,
        isPrivate: false,
        magnet,
      })
    }
    return this.#start(input.infoHash, input.infoHash, { ownTrackers: [], webSeeds: [], isPrivate: false })
  }

  /** Resolves with the info hash of the last file added. */
  async addTorrentFiles(files: readonly File[]): Promise<string> {
    let infoHash: string | undefined
    for (const file of files) {
      if (file.size > MAX_TORRENT_FILE_BYTES)
        throw new UserFacingError(t('torrents.notATorrentFile', { name: file.name }))
      infoHash = await this.#startFromTorrentFile(new Uint8Array(await file.arrayBuffer()))
    }
    if (infoHash === undefined) throw new UserFacingError(t('torrents.noTorrentFile'))
    return infoHash
  }

  async seed(files: readonly File[]): Promise<string> {
    if (files.length === 0) throw new UserFacingError(t('torrents.noFilesToSeed'))
    const { notices } = this.#ports
    notices.announce(
      files.length === 1
        ? t('torrents.hashingOne', { name: files[0]?.name ?? '' })
        : t('torrents.hashingMany', { count: files.length }),
    )
    // The user's trackers become the new torrent's own: they are written into it.
    const trackers = this.#ports.userTrackers()
    const infoHash = await this.engine.seed(files, { trackers })
    this.#remember(infoHash, { ownTrackers: trackers, webSeeds: [], isPrivate: false })
    const name = this.engine.snapshot().find((torrent) => torrent.infoHash === infoHash)?.name
    notices.announce(t('torrents.seedingNow', { name: name ?? infoHash }))
    return infoHash
  }

  /** The sample torrent, with `origin` (this site) as its web seed. */
  async addDemo(origin: string): Promise<string> {
    const demo = await loadDemoTorrent(origin)
    const summary = await inspectTorrentFile(demo.torrentFile)
    return this.#start(demo.torrentFile, summary.infoHash, {
      ownTrackers: summary.trackers,
      webSeeds: summary.webSeeds,
      isPrivate: summary.isPrivate,
      extraWebSeeds: [demo.webSeed],
    })
  }

  /** What the player needs to stream one file; refuses a file the browser cannot play. */
  async playback(infoHash: string, fileIndex: number): Promise<Playback> {
    const file = this.#lastSample.find((torrent) => torrent.infoHash === infoHash)?.files[fileIndex]
    if (!file?.media) throw new UserFacingError(t('torrents.notPlayable'))
    const url = await this.engine.streamUrl(infoHash, fileIndex)
    return { infoHash, fileIndex, fileName: file.name, kind: file.media, url }
  }

  pause(infoHash: string): void {
    this.#library.setPaused(infoHash, true)
    this.engine.pause(infoHash)
  }

  resume(infoHash: string): void {
    this.#recovery.resumed()
    this.#library.setPaused(infoHash, false)
    this.engine.resume(infoHash)
    this.#noPeers.restarted(infoHash, this.#ports.clock.now())
  }

  /** Which files of a torrent are downloaded; remembered across reloads. */
  setUnwantedFiles(infoHash: string, unwanted: readonly number[]): void {
    this.engine.setUnwantedFiles(infoHash, unwanted)
    this.#library.setUnwantedFiles(infoHash, unwanted)
  }

  async remove(infoHash: string, deleteData: boolean): Promise<void> {
    this.#noPeers.forget(infoHash)
    await this.#library.forget(infoHash)
    await this.engine.remove(infoHash, { deleteData })
  }

  /** Settings' "Delete all torrents and data": every torrent, every stored piece, the library. */
  async removeAll(): Promise<void> {
    await this.#library.forgetAll()
    for (const torrent of this.engine.snapshot())
      await this.engine.remove(torrent.infoHash, { deleteData: true })
    // Also the pieces kept by "Remove" for torrents no longer in the list.
    await this.engine.deleteAllData()
    await this.#ports.quota.refresh()
    this.#ports.notices.announce(t('torrents.allDeleted'))
  }

  async #startFromTorrentFile(bytes: Uint8Array): Promise<string> {
    const summary = await inspectTorrentFile(bytes)
    return this.#start(bytes, summary.infoHash, {
      ownTrackers: summary.trackers,
      // WebTorrent reads the file's own url-list itself; they count for the "no peer" reasons.
      webSeeds: summary.webSeeds,
      isPrivate: summary.isPrivate,
    })
  }

  async #start(id: string | Uint8Array, infoHash: string, origin: Origin): Promise<string> {
    if (this.engine.has(infoHash)) {
      this.#ports.notices.announce(t('torrents.alreadyListed'))
      return infoHash
    }
    const added = addedTrackers(origin.ownTrackers, this.#ports.userTrackers(), origin.isPrivate)
    const extraWebSeeds = origin.extraWebSeeds ?? []
    await this.engine.add(id, { trackers: added, webSeeds: extraWebSeeds })
    const facts: StartFacts = {
      ownTrackers: origin.ownTrackers,
      announcedTo: [...origin.ownTrackers, ...added],
      webSeeds: [...origin.webSeeds, ...extraWebSeeds],
    }
    this.#noPeers.started(infoHash, facts, this.#ports.clock.now())
    this.#changed()
    // Files (and their Play buttons) appear the moment the metadata is in, not at the next sample.
    this.engine.whenReady(infoHash).then(
      () => this.#changed(),
      () => undefined,
    )
    this.#remember(infoHash, origin)
    this.#ports.notices.announce(t('torrents.added'))
    return infoHash
  }

  /** Saves what the torrent brings of its own; the user's trackers are added anew at each start. */
  #remember(infoHash: string, origin: Origin): void {
    const torrent = this.engine.snapshot().find((candidate) => candidate.infoHash === infoHash)
    const name = torrent?.hasMetadata ? torrent.name : undefined
    this.#library.remember({
      infoHash,
      name: torrent?.name ?? infoHash,
      magnet: origin.magnet ?? magnetFor(infoHash, name, origin.ownTrackers),
      trackers: origin.ownTrackers,
      webSeeds: origin.extraWebSeeds ?? [],
    })
    void this.#ports.quota.askToPersistOnce().catch(() => undefined)
  }

  #changed(): void {
    for (const listener of this.#changeListeners) listener()
  }

  #onEngineEvent(event: EngineEvent): void {
    if (event.type === 'failed') {
      const name = this.#lastSample.find((torrent) => torrent.infoHash === event.infoHash)?.name
      if (event.storageFull && event.infoHash) {
        void this.#recovery.dropped(event.infoHash, name ?? event.infoHash).finally(() => this.#changed())
      } else {
        this.#ports.notices.alert(
          name
            ? t('torrents.stopped', { name, reason: event.message })
            : t('torrents.someStopped', { reason: event.message }),
        )
      }
      this.#changed()
      return
    }
    // Hash checks are the tipping layer's business (src/tipping/peer-ledger.ts).
    if (event.type === 'piece-checked') return
    if (this.trackers.heard(event)) this.#changed()
    else if (event.type === 'warning') console.debug('[torrent warning]', event.message)
  }
}
