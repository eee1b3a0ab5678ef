/**
 * While an upload limit is set, every block a connection uploads goes through the upload scheduler,
 * so that peers who paid us are served first. WebTorrent's own upload throttle stays off: it slows
 * every connection alike and cannot tell who paid. Without a limit, blocks go straight out.
 */
import type { WebTorrentWire } from 'webtorrent/dist/webtorrent.min.js'
import { UploadScheduler, type SchedulerClock } from '../engine/upload-scheduler'
import { uploadMembers } from './internals'

/** Whether the peer with this id, on this torrent, is served first. */
export type UploadPriority = (infoHash: string, remotePeerId: string) => boolean

interface WaitingBlock {
  readonly index: number
  readonly offset: number
  readonly length: number
}

const pageClock: SchedulerClock = {
  now: () => performance.now(),
  after: (ms, callback) => {
    const timer = setTimeout(callback, ms)
    return () => clearTimeout(timer)
  },
}

export class PacedUploads {
  readonly #scheduler: UploadScheduler<WebTorrentWire>
  #isPreferred: UploadPriority = () => false

  constructor(clock: SchedulerClock = pageClock) {
    this.#scheduler = new UploadScheduler(clock)
  }

  setLimit(bytesPerSecond: number | null): void {
    // A tiny kB/s value can round to zero bytes, a rate at which nothing would ever leave.
    this.#scheduler.setRate(bytesPerSecond === null ? null : Math.max(1, bytesPerSecond))
  }

  setPriority(isPreferred: UploadPriority): void {
    this.#isPreferred = isPreferred
  }

  /**
   * Called for each new connection, before it can ask for anything. Without the members (another
   * webtorrent build) the connection uploads unpaced, as WebTorrent does by itself.
   */
  attach(infoHash: string, target: WebTorrentWire): void {
    const wire = uploadMembers(target)
    if (!wire) return
    const sendNow = wire.piece.bind(wire)
    const choke = wire.choke.bind(wire)
    // Blocks read and waiting for their turn. The protocol already counts them as answered, so it
    // will neither refuse them on a choke nor forget them on a cancel: that is done here.
    const waiting = new Set<WaitingBlock>()

    const refuse = (block: WaitingBlock) => {
      waiting.delete(block)
      // Under BEP 6 a peer waits for an answer to every request (and times out without one); without
      // it, a choke cancels all requests on both sides and there is nobody to tell.
      if (wire.hasFast && !wire.destroyed) wire.reject(block.index, block.offset, block.length)
    }

    // bittorrent-protocol answers a request through `this.piece`, so an own property takes its place.
    wire.piece = (index, offset, data) => {
      if (!this.#scheduler.paced) return sendNow(index, offset, data)
      const block = { index, offset, length: data.length }
      waiting.add(block)
      // Asked now, not when the block leaves: a peer whose tip is verified meanwhile moves up next time.
      const preferred = this.#isPreferred(infoHash, wire.peerId ?? '')
      const queued = this.#scheduler.enqueue(wire, preferred, data.length, () => {
        if (!waiting.delete(block) || wire.destroyed || wire.amChoking) return false
        sendNow(index, offset, data)
        return true
      })
      if (!queued) refuse(block)
    }

    // WebTorrent never grants allowed-fast pieces, so a choked peer is owed nothing that is waiting.
    wire.choke = () => {
      const wasChoking = wire.amChoking
      choke()
      if (wasChoking) return
      this.#scheduler.dropConnection(wire)
      for (const block of [...waiting]) refuse(block)
    }

    wire.on('cancel', (index: number, offset: number, length: number) => {
      for (const block of waiting) {
        if (block.index === index && block.offset === offset && block.length === length) {
          waiting.delete(block)
          return
        }
      }
    })

    wire.once('close', () => {
      this.#scheduler.dropConnection(wire)
      waiting.clear()
    })
  }
}

/** Sends one block on a connection. */
export type SendBlock = (index: number, offset: number, block: Uint8Array) => void

/**
 * Puts `wrap` around the way a connection sends the blocks it was asked for (before pacing, which
 * wraps whatever is there when it attaches). Without the members, blocks go out unwrapped.
 */
export function wrapBlockSends(target: WebTorrentWire, wrap: (send: SendBlock) => SendBlock): void {
  const wire = uploadMembers(target)
  if (wire) wire.piece = wrap(wire.piece.bind(wire))
}
