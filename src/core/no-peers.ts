/**
 * Why a torrent finds no peer. A browser reaches only WebRTC peers, found through WebSocket
 * trackers, plus HTTP web seeds; a swarm of desktop clients is invisible to it. When a torrent has had
 * no peer for NO_PEER_DELAY_MS since it started (or resumed), this says which of the usual causes
 * apply to it, so the user reads a reason instead of a progress bar stuck at 0 %.
 */
import type { TorrentInfo } from '../torrent/engine/engine'
import { isBrowserTracker, trackerKey } from '../torrent/input/tracker-policy'
import type { TrackerProblem } from './tracker-health'

/** Long enough for a tracker's answer and a WebRTC connection on a slow link (usually 1–3 s). */
export const NO_PEER_DELAY_MS = 20_000

export type NoPeerReason =
  /** The torrent names trackers, none of them WebSocket (UDP/HTTP: a browser cannot use them). */
  | 'only-udp-http-trackers'
  /** Not one WebSocket tracker to announce to (the torrent names none, Settings have none). */
  | 'no-websocket-tracker'
  /** Every WebSocket tracker it announces to is failing. */
  | 'websocket-trackers-silent'
  /** No HTTP copy of the content to fall back on. */
  | 'no-web-seed'

export interface NoPeerExplanation {
  reasons: NoPeerReason[]
}

export interface StartFacts {
  /** What the torrent itself names (magnet `tr=`, .torrent `announce-list`). */
  ownTrackers: readonly string[]
  /** Every tracker it is announced to: its own and those added. */
  announcedTo: readonly string[]
  webSeeds: readonly string[]
}

interface Watched extends StartFacts {
  since: number
  hadPeer: boolean
}

export class NoPeerWatch {
  readonly #delayMs: number
  readonly #torrents = new Map<string, Watched>()

  constructor(delayMs = NO_PEER_DELAY_MS) {
    this.#delayMs = delayMs
  }

  started(infoHash: string, facts: StartFacts, now: number): void {
    this.#torrents.set(infoHash, { ...facts, since: now, hadPeer: false })
  }

  /** Resumed after a pause: the wait starts again. */
  restarted(infoHash: string, now: number): void {
    const watched = this.#torrents.get(infoHash)
    if (watched) this.#torrents.set(infoHash, { ...watched, since: now, hadPeer: false })
  }

  forget(infoHash: string): void {
    this.#torrents.delete(infoHash)
  }

  /** The explanation for each torrent that needs one now, by info hash. */
  explain(
    torrents: readonly TorrentInfo[],
    problems: readonly TrackerProblem[],
    now: number,
  ): Record<string, NoPeerExplanation> {
    const failing = new Set(problems.map((problem) => trackerKey(problem.url)))
    const explanations: Record<string, NoPeerExplanation> = {}
    for (const torrent of torrents) {
      const watched = this.#torrents.get(torrent.infoHash)
      if (!watched) continue
      if (torrent.peers > 0) watched.hadPeer = true
      // Seeding alone is normal; a paused torrent looks for nobody.
      if (watched.hadPeer || torrent.done || torrent.paused || now - watched.since < this.#delayMs) continue
      explanations[torrent.infoHash] = { reasons: reasonsFor(watched, failing) }
    }
    return explanations
  }
}

function reasonsFor(facts: StartFacts, failing: ReadonlySet<string>): NoPeerReason[] {
  const reasons: NoPeerReason[] = []
  if (facts.ownTrackers.length > 0 && !facts.ownTrackers.some(isBrowserTracker))
    reasons.push('only-udp-http-trackers')
  const websocket = facts.announcedTo.filter(isBrowserTracker)
  if (websocket.length === 0) reasons.push('no-websocket-tracker')
  else if (websocket.every((url) => failing.has(trackerKey(url)))) reasons.push('websocket-trackers-silent')
  if (facts.webSeeds.length === 0) reasons.push('no-web-seed')
  return reasons
}
