/**
 * What a torrent tells its trackers while it is paused: that it wants no peers. On a WebSocket
 * tracker the number of peers wanted is the number of WebRTC offers sent with the announce, and stock
 * WebTorrent keeps announcing a paused torrent (and announces one added paused) with five offers. A
 * peer that answers one holds a half-open connection under our peer id, which we drop at once
 * because we are paused; until it fails (15–30 s, longer on a busy machine) that peer refuses our real
 * connection after Resume as a duplicate, and both sides can go on refusing each other's offers.
 *
 * Uses WebTorrent's public `getAnnounceOpts` add option, asked at every announce (start, interval,
 * update), so a resumed torrent offers again at its next announce, which the engine makes at once.
 */
export function pausedAnnounceOptions(isPaused: () => boolean): () => { numwant?: number } {
  return () => (isPaused() ? { numwant: 0 } : {})
}
