/**
 * A full disk: the engine drops the torrent whose piece could not be written. Every other download
 * would fail on its next write too, so all of them are paused at once and the user is told once; the
 * dropped torrent comes back paused with everything already stored. Pressing Resume (after freeing
 * space) ends the episode: a disk that fills up again is reported again.
 */
import { describeError } from '../shared/errors'
import { t, tn } from '../i18n/translate'
import type { TorrentEngine } from '../torrent/engine/engine'
import type { Library } from './library'
import type { Notifier, StorageQuota } from './ports'

export class StorageRecovery {
  readonly #engine: TorrentEngine
  readonly #library: Library
  readonly #notices: Notifier
  readonly #quota: StorageQuota
  /** Set from the first storage failure until the user resumes something. */
  #full = false

  constructor(engine: TorrentEngine, library: Library, notices: Notifier, quota: StorageQuota) {
    this.#engine = engine
    this.#library = library
    this.#notices = notices
    this.#quota = quota
  }

  get storageFull(): boolean {
    return this.#full
  }

  /** `infoHash` was dropped by the engine because a write hit the quota; `name` is what the list showed. */
  async dropped(infoHash: string, name: string): Promise<void> {
    const paused = this.#pauseDownloads(infoHash)
    if (!this.#full) {
      this.#full = true
      this.#notices.alert(
        paused === 0 ? t('torrents.storageFull', { name }) : tn('torrents.storageFullMany', paused, { name }),
      )
    }
    try {
      await this.#library.reopenPaused(infoHash)
    } catch (error) {
      this.#notices.alert(describeError(error, t('torrents.reopenFailed', { name })))
    } finally {
      await this.#quota.refresh().catch(() => undefined)
    }
  }

  /** The user resumed a torrent: they freed space, or want to find out whether there is some now. */
  resumed(): void {
    this.#full = false
  }

  /** Pauses (and saves as paused) every other torrent still downloading; returns how many. */
  #pauseDownloads(dropped: string): number {
    let count = 0
    for (const torrent of this.#engine.snapshot()) {
      if (torrent.infoHash === dropped || torrent.paused || torrent.done) continue
      this.#engine.pause(torrent.infoHash)
      this.#library.setPaused(torrent.infoHash, true)
      count++
    }
    return count
  }
}
