/**
 * The torrent list as the UI sees it: sampled engine statistics, the selection, what is playing, and
 * every user action on torrents. Each way of adding a torrent ends in #start.
 */
import { t } from '../i18n/translate'
import { STATS_SAMPLE_INTERVAL_MS } from '../config'
import { loadDemoTorrent } from '../torrent/engine/demo'
import type { AddOptions, EngineEvent, TorrentEngine, TorrentInfo } from '../torrent/engine/engine'
import { describeError, UserFacingError } from '../shared/errors'
import { fetchTorrentFile } from '../torrent/input/fetch-torrent'
import { magnetFor, parseTorrentInput } from '../torrent/input/input'
import { Library } from '../torrent/library'
import type { MediaKind } from '../torrent/engine/media'
import { inspectTorrentFile, MAX_TORRENT_FILE_BYTES } from '../torrent/input/torrent-file'
import { trackerNamedInWarning } from '../torrent/input/trackers'
import { deleteAllChunks } from '../torrent/storage/idb-chunk-store'
import type { PieceActivity } from '../torrent/storage/piece-map'
import { SpeedHistory, type SpeedSample } from '../torrent/engine/speed-history'
import { notices } from './notices.svelte'
import { settings } from './settings.svelte'
import { storage } from './storage.svelte'

export interface Playback {
  infoHash: string
  fileIndex: number
  fileName: string
  kind: MediaKind
  url: string
}

export interface TrackerProblem {
  url: string
  failures: number
  lastFailureAt: number
}

class TorrentsStore {
  #engine: TorrentEngine | null = null
  #library: Library | null = null
  #list = $state<TorrentInfo[]>([])
  #selectedHash = $state<string | null>(null)
  #pending = $state(0)
  #playback = $state<Playback | null>(null)
  #trackerProblems = $state<Record<string, TrackerProblem>>({})
  readonly #speeds = new SpeedHistory()
  /** Bumped when the speed history keeps a sample (once a second): what the speed chart follows. */
  #speedTick = $state(0)

  readonly selected = $derived(this.#list.find((torrent) => torrent.infoHash === this.#selectedHash) ?? null)

  get list(): readonly TorrentInfo[] {
    return this.#list
  }
  /** True while an add or seed is being prepared (fetching, hashing). */
  get busy(): boolean {
    return this.#pending > 0
  }
  get playback(): Playback | null {
    return this.#playback
  }
  get trackerProblems(): TrackerProblem[] {
    return Object.values(this.#trackerProblems)
  }

  /** Connects the store to an engine; returns the disposer. */
  attach(engine: TorrentEngine): () => void {
    this.#engine = engine
    this.#library = new Library(
      engine,
      (error) => notices.alert(describeError(error, t('torrents.listUnsaved'))),
      (name, { checked, damaged }) =>
        notices.announce(
          damaged.length === 0
            ? t('torrents.auditIntact', { name, count: checked })
            : t('torrents.auditDamaged', { name, count: checked, damaged: damaged.length }),
        ),
    )
    void this.#restore(this.#library)
    this.applyLimits()
    const stopEvents = engine.onEvent((event) => this.#onEngineEvent(event))
    const timer = setInterval(() => this.#sample(), STATS_SAMPLE_INTERVAL_MS)
    return () => {
      clearInterval(timer)
      stopEvents()
      this.#engine = null
      this.#library = null
    }
  }

  /** Brings back the torrents of earlier visits: incomplete ones resume, complete ones seed again. */
  async #restore(library: Library): Promise<void> {
    this.#pending++
    try {
      const failures = await library.restore()
      for (const { entry, error } of failures) {
        notices.alert(describeError(error, t('torrents.resumeFailed', { name: entry.name })))
      }
    } catch (error) {
      notices.alert(describeError(error, t('torrents.listUnreadable')))
    } finally {
      this.#pending--
      this.#sample()
      // Come back to where the user was most likely working: the newest torrent.
      this.#selectedHash ??= this.#list.at(-1)?.infoHash ?? null
    }
  }

  applyLimits(): void {
    const toBytes = (kBps: number | null) => (kBps === null ? null : Math.round(kBps * 1000))
    this.#engine?.setLimits({
      downloadBytesPerSecond: toBytes(settings.downloadLimitKBps),
      uploadBytesPerSecond: toBytes(settings.uploadLimitKBps),
    })
  }

  async addFromText(text: string): Promise<boolean> {
    return this.#guard(t('torrents.addFailed'), async () => {
      const input = parseTorrentInput(text)
      if (input.kind === 'url') {
        const bytes = await fetchTorrentFile(input.url)
        return this.#startFromTorrentFile(bytes)
      }
      const id = input.kind === 'magnet' ? input.magnet : input.infoHash
      const ownTrackers = input.kind === 'magnet' ? input.trackers : []
      return this.#start(id, input.infoHash, { trackers: this.#trackersFor(ownTrackers) })
    })
  }

  async addTorrentFiles(files: readonly File[]): Promise<boolean> {
    return this.#guard(t('torrents.openFailed'), async () => {
      if (files.length === 0) throw new UserFacingError(t('torrents.noTorrentFile'))
      for (const file of files) {
        if (file.size > MAX_TORRENT_FILE_BYTES)
          throw new UserFacingError(t('torrents.notATorrentFile', { name: file.name }))
        await this.#startFromTorrentFile(new Uint8Array(await file.arrayBuffer()))
      }
    })
  }

  async seedFiles(files: readonly File[]): Promise<boolean> {
    return this.#guard(t('torrents.seedFailed'), async () => {
      if (files.length === 0) throw new UserFacingError(t('torrents.noFilesToSeed'))
      const engine = this.#requireEngine()
      notices.announce(
        files.length === 1
          ? t('torrents.hashingOne', { name: files[0]?.name ?? '' })
          : t('torrents.hashingMany', { count: files.length }),
      )
      const infoHash = await engine.seed(files, { trackers: settings.trackers })
      this.#sample()
      this.#remember(infoHash, { trackers: settings.trackers })
      this.#selectedHash = infoHash
      notices.announce(t('torrents.seedingNow', { name: this.selected?.name ?? infoHash }))
    })
  }

  /** The one-click demo: add the sample torrent with this site as its web seed, then play it. */
  async addDemo(): Promise<boolean> {
    return this.#guard(t('torrents.demoFailed'), async () => {
      const demo = await loadDemoTorrent(location.origin)
      const summary = await inspectTorrentFile(demo.torrentFile)
      await this.#start(demo.torrentFile, summary.infoHash, {
        trackers: this.#trackersFor(summary.trackers),
        webSeeds: [demo.webSeed],
      })
      await this.#requireEngine().whenReady(summary.infoHash)
      this.#sample()
      const video = this.selected?.files.find((file) => file.media !== null)
      if (video) await this.play(summary.infoHash, video.index)
    })
  }

  select(infoHash: string): void {
    this.#selectedHash = infoHash
  }

  pause(infoHash: string): void {
    this.#library?.setPaused(infoHash, true)
    this.#engine?.pause(infoHash)
    this.#sample()
  }

  resume(infoHash: string): void {
    this.#library?.setPaused(infoHash, false)
    this.#engine?.resume(infoHash)
    this.#sample()
  }

  async remove(infoHash: string, deleteData: boolean): Promise<boolean> {
    return this.#guard(t('torrents.removeFailed'), async () => {
      if (this.#playback?.infoHash === infoHash) this.#playback = null
      await this.#library?.forget(infoHash)
      await this.#requireEngine().remove(infoHash, { deleteData })
      if (this.#selectedHash === infoHash) this.#selectedHash = null
      this.#sample()
    })
  }

  /** Settings' "Delete all torrents and data": every torrent, every stored piece, the library. */
  async removeAll(): Promise<boolean> {
    return this.#guard(t('torrents.deleteAllFailed'), async () => {
      const engine = this.#requireEngine()
      this.#playback = null
      this.#selectedHash = null
      await this.#library?.forgetAll()
      for (const torrent of engine.snapshot()) await engine.remove(torrent.infoHash, { deleteData: true })
      // Also pieces kept by "Remove" for torrents no longer in the list.
      await deleteAllChunks()
      this.#sample()
      await storage.refresh()
      notices.announce(t('torrents.allDeleted'))
    })
  }

  /** Choose whether one file of a torrent is downloaded; remembered across reloads. */
  setFileWanted(infoHash: string, fileIndex: number, wanted: boolean): void {
    const torrent = this.#list.find((candidate) => candidate.infoHash === infoHash)
    if (!torrent) return
    const unwanted = torrent.files
      .filter((file) => (file.index === fileIndex ? !wanted : !file.wanted))
      .map((file) => file.index)
    this.#engine?.setUnwantedFiles(infoHash, unwanted)
    this.#library?.setUnwantedFiles(infoHash, unwanted)
    this.#sample()
  }

  async play(infoHash: string, fileIndex: number): Promise<boolean> {
    return this.#guard(t('torrents.playFailed'), async () => {
      const file = this.#list.find((torrent) => torrent.infoHash === infoHash)?.files[fileIndex]
      if (!file?.media) throw new UserFacingError(t('torrents.notPlayable'))
      const url = await this.#requireEngine().streamUrl(infoHash, fileIndex)
      this.#selectedHash = infoHash
      this.#playback = { infoHash, fileIndex, fileName: file.name, kind: file.media, url }
    })
  }

  stopPlayback(): void {
    this.#playback = null
  }

  /** The whole file; waits for the download to finish (the engine prioritises it meanwhile). */
  fileBlob(infoHash: string, fileIndex: number): Promise<Blob> {
    return this.#requireEngine().fileBlob(infoHash, fileIndex)
  }

  /** Recent speeds of one torrent, oldest first; reactive, changing once a second. */
  speedSamples(infoHash: string): SpeedSample[] {
    void this.#speedTick
    return this.#speeds.samples(infoHash)
  }

  /** For the pieces map, which polls these on its own (slower) cadence. */
  verifiedPieces(infoHash: string): Uint8Array | null {
    return this.#engine?.verifiedPieces(infoHash) ?? null
  }
  pieceActivity(infoHash: string): PieceActivity | null {
    return this.#engine?.pieceActivity(infoHash) ?? null
  }

  torrentFile(infoHash: string): Uint8Array | null {
    return this.#engine?.torrentFile(infoHash) ?? null
  }

  reset(): void {
    this.#list = []
    this.#selectedHash = null
    this.#playback = null
    this.#trackerProblems = {}
  }

  async #startFromTorrentFile(bytes: Uint8Array): Promise<void> {
    const summary = await inspectTorrentFile(bytes)
    await this.#start(bytes, summary.infoHash, { trackers: this.#trackersFor(summary.trackers) })
  }

  async #start(id: string | Uint8Array, infoHash: string, options: AddOptions): Promise<void> {
    const engine = this.#requireEngine()
    if (engine.has(infoHash)) {
      this.#selectedHash = infoHash
      notices.announce(t('torrents.alreadyListed'))
      return
    }
    await engine.add(id, options)
    this.#sample()
    // Files (and their Play buttons) appear the moment the metadata is in, not at the next sample.
    engine.whenReady(infoHash).then(
      () => this.#sample(),
      () => undefined,
    )
    this.#remember(infoHash, options)
    this.#selectedHash = infoHash
    notices.announce(t('torrents.added'))
  }

  #remember(infoHash: string, options: AddOptions): void {
    const torrent = this.#list.find((candidate) => candidate.infoHash === infoHash)
    this.#library?.remember({
      infoHash,
      name: torrent?.name ?? infoHash,
      magnet: torrent?.magnet ?? magnetFor(infoHash, undefined, options.trackers),
      trackers: options.trackers,
      webSeeds: options.webSeeds ?? [],
    })
    void storage.askToPersistOnce().catch(() => undefined)
  }

  /** The user's trackers go to torrents that bring none of their own. */
  #trackersFor(ownTrackers: readonly string[]): readonly string[] {
    return ownTrackers.length > 0 ? [] : settings.trackers
  }

  async #guard(context: string, action: () => Promise<unknown>): Promise<boolean> {
    this.#pending++
    try {
      await action()
      return true
    } catch (error) {
      notices.alert(describeError(error, context))
      return false
    } finally {
      this.#pending--
    }
  }

  #requireEngine(): TorrentEngine {
    if (!this.#engine) throw new Error('the torrent engine is not running')
    return this.#engine
  }

  #sample(): void {
    if (!this.#engine) return
    this.#list = this.#engine.snapshot()
    this.#library?.sync(this.#list)
    if (this.#speeds.record(this.#list, Date.now())) this.#speedTick++
  }

  /** The engine drops a torrent whose piece could not be written; it comes back paused, data intact. */
  async #pauseForFullStorage(infoHash: string): Promise<void> {
    const name = this.#list.find((torrent) => torrent.infoHash === infoHash)?.name ?? infoHash
    notices.alert(t('torrents.storageFull', { name }))
    try {
      await this.#library?.reopenPaused(infoHash)
    } catch (error) {
      notices.alert(describeError(error, t('torrents.reopenFailed', { name })))
    } finally {
      this.#sample()
      await storage.refresh()
    }
  }

  #onEngineEvent(event: EngineEvent): void {
    if (event.type === 'failed' && event.storageFull && event.infoHash) {
      void this.#pauseForFullStorage(event.infoHash)
      return
    }
    if (event.type === 'failed') {
      const name = this.#list.find((torrent) => torrent.infoHash === event.infoHash)?.name
      notices.alert(
        name
          ? t('torrents.stopped', { name, reason: event.message })
          : t('torrents.someStopped', { reason: event.message }),
      )
      this.#sample()
      return
    }
    // Hash checks are the tipping layer's business (src/tipping/peer-ledger.ts).
    if (event.type === 'piece-checked') return
    if (event.type === 'tracker-connected') {
      if (event.url in this.#trackerProblems) delete this.#trackerProblems[event.url]
      return
    }
    const tracker = trackerNamedInWarning(event.message)
    if (tracker) {
      const previous = this.#trackerProblems[tracker]
      this.#trackerProblems[tracker] = {
        url: tracker,
        failures: (previous?.failures ?? 0) + 1,
        lastFailureAt: Date.now(),
      }
    } else {
      console.debug('[torrent warning]', event.message)
    }
  }
}

export const torrents = new TorrentsStore()
