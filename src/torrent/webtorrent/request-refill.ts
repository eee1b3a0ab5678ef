/**
 * When WebTorrent refills its request pipelines.
 *
 * WebTorrent calls `torrent._update()` after every block it receives and schedules each call with
 * `requestIdleCallback` (up to 250 ms later). While a download runs at full speed the page is rarely
 * idle, so thousands of idle callbacks queue up, each one walking every connection, and the pipeline
 * is refilled late. Here one refill at a time is scheduled as an ordinary task instead: every block
 * received before it runs is covered by it, and it runs as soon as the current burst of messages has
 * been handled.
 */
import { refillMembers } from './internals'

/**
 * Replaces the torrent's `_update` with a coalescing one; `schedule` runs a callback as a new task.
 * Without the members (another webtorrent build) the torrent keeps its own idle-callback refills.
 */
export function coalesceRequestRefills(
  target: unknown,
  schedule: (task: () => void) => void = scheduleTask,
): void {
  const torrent = refillMembers(target)
  if (!torrent) return
  let pending = false
  torrent._update = () => {
    if (pending) return
    pending = true
    schedule(() => {
      pending = false
      torrent._updateWireWrapper()
    })
  }
}

/** A macrotask without setTimeout's 4 ms clamp on nested timers. */
function scheduleTask(task: () => void): void {
  const channel = new MessageChannel()
  channel.port1.onmessage = () => {
    channel.port1.close()
    task()
  }
  channel.port2.postMessage(null)
}
