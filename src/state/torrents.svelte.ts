/**
 * The torrent list as the UI sees it: a mirror of the torrents workflow (src/core/torrents.ts), sampled
 * once a second, plus the selection and what is playing. Actions go to the workflow; a failure
 * becomes an alert here.
 */
import { tick } from 'svelte'
import { t } from '../i18n/translate'
import { STATS_SAMPLE_INTERVAL_MS } from '../config'
import type { NoPeerExplanation } from '../core/no-peers'
import { unwantedAfter } from '../core/file-tree'
import type { Playback, TorrentsWorkflow } from '../core/torrents'
import type { TrackerProblem } from '../core/tracker-health'
import type { TorrentInfo } from '../torrent/engine/engine'
import type { SaveDownload } from '../torrent/engine/save-downloads'
import { saveToFolder, type FolderEntry, type SaveFolder } from '../core/save-to-folder'
import { describeError } from '../shared/errors'
import type { PieceActivity } from '../torrent/storage/piece-map'
import { SpeedHistory, type SpeedSample } from '../torrent/engine/speed-history'
import { notices } from './notices.svelte'
import { settings } from './settings.svelte'

export type { Playback }

class TorrentsStore {
  #core: TorrentsWorkflow | null = null
  /** Actions taken before the engine's code has loaded wait for it (see `attach`). */
  #engineLoaded: (core: TorrentsWorkflow) => void = () => {}
  #engineFailed: (error: unknown) => void = () => {}
  readonly #engineLoad = new Promise<TorrentsWorkflow>((resolve, reject) => {
    this.#engineLoaded = resolve
    this.#engineFailed = reject
  })
  /**
   * Raw, not deep: each sample replaces the list whole, and the engine hands out the same file objects
   * while they do not change, so making 10 000 files reactive proxies every second would be waste.
   */
  #list = $state.raw<TorrentInfo[]>([])
  #trackerProblems = $state<TrackerProblem[]>([])
  #noPeers = $state<Readonly<Record<string, NoPeerExplanation>>>({})
  #selectedHash = $state<string | null>(null)
  /** Starts at one: the engine is loading and the library is not restored yet. */
  #pending = $state(1)
  /** Set while this tab has no engine (see `idle`): the first action asks it for one. */
  #claim: (() => Promise<void>) | null = null
  #playback = $state<Playback | null>(null)
  readonly #speeds = new SpeedHistory()
  /** Bumped when the speed history keeps a sample (once a second): what the speed chart follows. */
  #speedTick = $state(0)

  readonly selected = $derived(this.#list.find((torrent) => torrent.infoHash === this.#selectedHash) ?? null)

  get list(): readonly TorrentInfo[] {
    return this.#list
  }
  /** True while an add or seed is being prepared (fetching, hashing), or the library is restored. */
  get busy(): boolean {
    return this.#pending > 0
  }
  get playback(): Playback | null {
    return this.#playback
  }
  get trackerProblems(): TrackerProblem[] {
    return this.#trackerProblems
  }
  /** Why this torrent has found no peer, once it has looked long enough; null while it has one. */
  noPeers(infoHash: string): NoPeerExplanation | null {
    return this.#noPeers[infoHash] ?? null
  }

  /** Mirrors the workflow and restores the saved library; returns the disposer. */
  attach(core: TorrentsWorkflow): () => void {
    // An engine claimed by an action (after `idle`): the library is restored again, as on page load.
    if (this.#claim) this.#pending++
    this.#claim = null
    this.#core = core
    this.#engineLoaded(core)
    this.applyLimits()
    const stopChanges = core.onChange(() => this.#sample())
    const timer = setInterval(() => this.#sample(), STATS_SAMPLE_INTERVAL_MS)
    void core.restore().finally(() => {
      this.#pending--
      this.#sample()
      // Come back to where the user was most likely working: the newest torrent.
      this.#selectedHash ??= this.#list.at(-1)?.infoHash ?? null
    })
    return () => {
      clearInterval(timer)
      stopChanges()
      this.#core = null
    }
  }

  /**
   * This tab runs no engine for now (nothing to run, or another tab of the app runs it): not busy,
   * and the first action calls `claim`, which starts the engine (then `attach`) or rejects with why not.
   */
  idle(claim: () => Promise<void>): void {
    if (!this.#claim) this.#pending--
    this.#claim = claim
  }

  /** The engine's code could not be loaded: actions waiting for it fail with `error`. */
  engineUnavailable(error: unknown): void {
    this.#pending--
    this.#engineFailed(error)
  }

  applyLimits(): void {
    const toBytes = (kBps: number | null) => (kBps === null ? null : Math.round(kBps * 1000))
    this.#core?.engine.setLimits({
      downloadBytesPerSecond: toBytes(settings.downloadLimitKBps),
      uploadBytesPerSecond: toBytes(settings.uploadLimitKBps),
    })
  }

  addFromText(text: string): Promise<boolean> {
    return this.#adding(t('torrents.addFailed'), (core) => core.addFromText(text))
  }

  addTorrentFiles(files: readonly File[]): Promise<boolean> {
    return this.#adding(t('torrents.openFailed'), (core) => core.addTorrentFiles(files))
  }

  seedFiles(files: readonly File[]): Promise<boolean> {
    return this.#adding(t('torrents.seedFailed'), (core) => core.seed(files))
  }

  /** The one-click demo: add the sample torrent with this site as its web seed, then play it. */
  addDemo(): Promise<boolean> {
    return this.#adding(t('torrents.demoFailed'), async (core) => {
      const infoHash = await core.addDemo(location.origin)
      this.#selectedHash = infoHash
      await core.engine.whenReady(infoHash)
      this.#sample()
      const video = this.selected?.files.find((file) => file.media !== null)
      if (video) await this.play(infoHash, video.index)
      return infoHash
    })
  }

  select(infoHash: string): void {
    this.#selectedHash = infoHash
  }

  pause(infoHash: string): void {
    this.#core?.pause(infoHash)
    this.#sample()
  }

  resume(infoHash: string): void {
    this.#core?.resume(infoHash)
    this.#sample()
  }

  remove(infoHash: string, deleteData: boolean): Promise<boolean> {
    return this.#guard(t('torrents.removeFailed'), async (core) => {
      if (this.#playback?.infoHash === infoHash) {
        this.#playback = null
        // The player's teardown cancels its requests; it must run before the torrent is gone.
        await tick()
      }
      await core.remove(infoHash, deleteData)
      if (this.#selectedHash === infoHash) this.#selectedHash = null
      this.#sample()
    })
  }

  /** Settings' "Delete all torrents and data". */
  removeAll(): Promise<boolean> {
    return this.#guard(t('torrents.deleteAllFailed'), async (core) => {
      this.#playback = null
      this.#selectedHash = null
      await tick()
      await core.removeAll()
      this.#sample()
    })
  }

  /** Choose whether one file of a torrent is downloaded; remembered across reloads. */
  setFileWanted(infoHash: string, fileIndex: number, wanted: boolean): void {
    this.setFilesWanted(infoHash, [fileIndex], wanted)
  }

  /** The same for many files at once (a folder, select all / none): one engine call, one save. */
  setFilesWanted(infoHash: string, fileIndices: ArrayLike<number>, wanted: boolean): void {
    const torrent = this.#list.find((candidate) => candidate.infoHash === infoHash)
    if (!torrent) return
    const { files } = torrent
    const unwanted = unwantedAfter(files.length, (index) => files[index]?.wanted ?? true, fileIndices, wanted)
    this.#core?.setUnwantedFiles(infoHash, unwanted)
    this.#sample()
  }

  play(infoHash: string, fileIndex: number): Promise<boolean> {
    return this.#guard(t('torrents.playFailed'), async (core) => {
      const next = await core.playback(infoHash, fileIndex)
      const previous = this.#playback
      // The file that played before no longer needs its window (unless it is the same file again).
      if (previous && (previous.infoHash !== infoHash || previous.fileIndex !== fileIndex))
        core.engine.setPlayhead(previous.infoHash, previous.fileIndex, null)
      this.#playback = next
      this.#selectedHash = infoHash
    })
  }

  stopPlayback(): void {
    const playback = this.#playback
    if (playback) this.#core?.engine.setPlayhead(playback.infoHash, playback.fileIndex, null)
    this.#playback = null
  }

  /** Where the player is: the engine fetches what it needs next first. */
  playhead(seconds: number, duration: number): void {
    const playback = this.#playback
    if (playback) this.#core?.engine.setPlayhead(playback.infoHash, playback.fileIndex, { seconds, duration })
  }

  /** The whole file; waits for the download to finish (the engine prioritises it meanwhile). */
  async fileBlob(infoHash: string, fileIndex: number): Promise<Blob> {
    return (this.#core ?? (await this.#engineLoad)).engine.fileBlob(infoHash, fileIndex)
  }

  /** The file's bytes as a stream that waits for missing pieces (fetched first); never whole in memory. */
  async fileStream(infoHash: string, fileIndex: number): Promise<ReadableStream<Uint8Array>> {
    return (this.#core ?? (await this.#engineLoad)).engine.fileStream(infoHash, fileIndex)
  }

  /** A one-time URL the browser downloads to disk: the file, or with a null index the torrent as a ZIP. */
  async saveDownload(infoHash: string, fileIndex: number | null): Promise<SaveDownload> {
    return (this.#core ?? (await this.#engineLoad)).engine.saveDownload(infoHash, fileIndex)
  }

  /** Writes every file of the torrent into `folder`, under its path; resolves with how many. */
  async saveToFolder(infoHash: string, folder: SaveFolder, files: readonly FolderEntry[]): Promise<number> {
    const { engine } = this.#core ?? (await this.#engineLoad)
    return saveToFolder(folder, files, (index) => Promise.resolve(engine.fileStream(infoHash, index)))
  }

  /** Recent speeds of one torrent, oldest first; reactive, changing once a second. */
  speedSamples(infoHash: string): SpeedSample[] {
    void this.#speedTick
    return this.#speeds.samples(infoHash)
  }

  /** For the pieces map, which polls these on its own (slower) cadence. */
  verifiedPieces(infoHash: string): Uint8Array | null {
    return this.#core?.engine.verifiedPieces(infoHash) ?? null
  }
  pieceActivity(infoHash: string): PieceActivity | null {
    return this.#core?.engine.pieceActivity(infoHash) ?? null
  }

  torrentFile(infoHash: string): Uint8Array | null {
    return this.#core?.engine.torrentFile(infoHash) ?? null
  }

  /** An add: the torrent it resolves with (new, or already listed) becomes the selection. */
  #adding(context: string, add: (core: TorrentsWorkflow) => Promise<string>): Promise<boolean> {
    return this.#guard(context, async (core) => {
      const infoHash = await add(core)
      this.#sample()
      this.#selectedHash = infoHash
    })
  }

  async #guard(context: string, action: (core: TorrentsWorkflow) => Promise<unknown>): Promise<boolean> {
    this.#pending++
    try {
      await action(await this.#engine())
      return true
    } catch (error) {
      notices.alert(describeError(error, context))
      return false
    } finally {
      this.#pending--
    }
  }

  async #engine(): Promise<TorrentsWorkflow> {
    if (this.#core) return this.#core
    await this.#claim?.()
    return this.#engineLoad
  }

  #sample(): void {
    if (!this.#core) return
    this.#list = this.#core.sample()
    this.#trackerProblems = this.#core.trackers.problems
    this.#noPeers = this.#core.noPeerExplanations
    if (this.#speeds.record(this.#list, Date.now())) this.#speedTick++
  }
}

export const torrents = new TorrentsStore()
