/**
 * Every private member of WebTorrent's prebuilt bundle (webtorrent 3.0.21, pinned exactly in
 * package.json) that the app touches, and the guard each patch asks before it applies. A member
 * missing from the build turns that patch off: WebTorrent keeps its own behaviour, and the console says
 * so once per patch. internals.browser.test.ts checks every member listed here against the shipped
 * bundle, including the copy of bittorrent-protocol inside it.
 *
 * | patch             | where                  | private members                                               |
 * |-------------------|------------------------|---------------------------------------------------------------|
 * | request-refill    | request-refill.ts      | torrent `_update`, `_updateWireWrapper`                       |
 * | whole-messages    | whole-messages.ts      | wire `_message`, `_push`                                      |
 * | tracker-reconnect | tracker-reconnect.ts   | torrent `_startDiscovery`, `discovery.tracker._trackers`;     |
 * |                   |                        | WebSocket tracker `_onSocketConnect`, `_startReconnectTimer`, |
 * |                   |                        | `_openSocket`, `reconnecting`, `retries`, `reconnectTimer`    |
 * | discard-piece     | discard-piece.ts       | torrent `_reservations`, `_markUnverified`, `_checkDone`,     |
 * |                   |                        | `_update`                                                     |
 * | piece-activity    | piece-activity.ts      | torrent `pieces[i]._reservations/.missing/.length`,           |
 * |                   |                        | `_selections[].isStreamSelection/from/offset/to`              |
 * | paced-uploads     | paced-uploads.ts       | wire `piece`, `choke` replaced by own properties: relies on   |
 * |                   |                        | the request handler calling `this.piece`                      |
 * | requested-blocks  | requested-blocks.ts    | wire `request` replaced by an own property: relies on         |
 * |                   |                        | WebTorrent calling `wire.request` and on `_onPiece` calling   |
 * |                   |                        | the request's callback just before emitting `piece`          |
 * | hash-failure      | webtorrent-engine.ts   | the wording of the warning `Piece N failed verification`      |
 * | channel-binding   | channel-fingerprints.ts| torrent `_peers` (Map of Peer), peer `wire`, `conn`;          |
 * |                   |                        | simple-peer `_pc` (RTCPeerConnection)                         |
 * | private-trackers  | private-trackers.ts    | torrent `discovery.tracker` (bittorrent-tracker Client)       |
 * |                   |                        | `_trackers`, `_defaultAnnounceOpts`; each tracker's           |
 * |                   |                        | `announceUrl`, `announce`, `destroy`                          |
 * | stream-window     | stream-priority.ts     | torrent `_select`/`_deselect` with `isStreamSelection` (a     |
 * |                   |                        | selection removed alone), `critical`, `_critical`,            |
 * |                   |                        | `_selections.sort`, `_updateWireWrapper`; `_select` and       |
 * |                   |                        | `_deselect` replaced by own properties: relies on a file read |
 * |                   |                        | (FileIterator) calling `_select(.., 1, null, true)` on start  |
 * |                   |                        | and `_deselect(.., true)` at its end                          |
 */

export type PatchName =
  | 'request-refill'
  | 'whole-messages'
  | 'tracker-reconnect'
  | 'discard-piece'
  | 'piece-activity'
  | 'paced-uploads'
  | 'channel-binding'
  | 'requested-blocks'
  | 'private-trackers'
  | 'stream-window'

const announced = new Set<PatchName>()

/** The one place a patch says it is off (once per patch and page load). */
export function patchOff(patch: PatchName, missing: string): void {
  if (announced.has(patch)) return
  announced.add(patch)
  console.warn(`WebTorrent patch ${patch} is off (this build lacks ${missing}); stock behaviour kept`)
}

/** What a member must be for a patch to rely on it. */
type Kind = 'function' | 'array' | 'iterable' | 'number' | 'string'

function isKind(value: unknown, kind: Kind): boolean {
  if (kind === 'array') return Array.isArray(value)
  if (kind === 'iterable')
    return typeof (value as { [Symbol.iterator]?: unknown } | null)?.[Symbol.iterator] === 'function'
  return typeof value === kind
}

/** The names in `wanted` that `target` lacks or has as another kind of value. */
function hasMembers(target: unknown, wanted: Readonly<Record<string, Kind>>): string[] {
  const record = typeof target === 'object' && target !== null ? (target as Record<string, unknown>) : {}
  return Object.keys(wanted).filter((name) => !isKind(record[name], wanted[name] ?? 'function'))
}

/** `target` as `T` when it has every member named; otherwise the patch is off (null). */
function withMembers<T>(patch: PatchName, target: unknown, wanted: Readonly<Record<string, Kind>>): T | null {
  const missing = hasMembers(target, wanted)
  if (missing.length === 0) return target as T
  patchOff(patch, missing.join(', '))
  return null
}

/** `target` as `T` when every named member is a function; otherwise the patch is off (null). */
function withFunctions<T>(patch: PatchName, target: unknown, names: readonly string[]): T | null {
  return withMembers(patch, target, Object.fromEntries(names.map((name) => [name, 'function' as const])))
}

/** request-refill: WebTorrent schedules a refill with `_update` and performs it in `_updateWireWrapper`. */
export interface RefillMembers {
  _update(): void
  _updateWireWrapper(): void
}

export function refillMembers(torrent: unknown): RefillMembers | null {
  return withFunctions('request-refill', torrent, ['_update', '_updateWireWrapper'])
}

/** whole-messages: bittorrent-protocol's Wire frames a message in `_message` and writes it with `_push`. */
export interface FramedWire {
  _message(id: number, numbers: readonly number[], data?: Uint8Array | null): void
  _push(data: Uint8Array): unknown
}

export function framedWire(wire: unknown): FramedWire | null {
  return withFunctions('whole-messages', wire, ['_message', '_push'])
}

/** tracker-reconnect: the torrent creates its tracker connections in `_startDiscovery`. */
export interface DiscoveryMembers {
  /** Creates `discovery` (trackers) once the info hash is known; a no-op after that. */
  _startDiscovery(): void
  /** Tracker connections (bittorrent-tracker Client `_trackers`), once discovery started. */
  readonly discovery?: { readonly tracker?: { readonly _trackers?: readonly unknown[] } | null } | null
}

export function discoveryMembers(torrent: unknown): DiscoveryMembers | null {
  return withFunctions('tracker-reconnect', torrent, ['_startDiscovery'])
}

/**
 * tracker-reconnect: one WebSocket tracker connection (bittorrent-tracker 11
 * lib/client/websocket-tracker.js, as bundled in webtorrent 3).
 */
export interface WebSocketTrackerMembers {
  readonly announceUrl: string
  reconnecting: boolean
  retries: number
  reconnectTimer: ReturnType<typeof setTimeout> | null
  // Properties rather than methods: they are read off the prototype and called with this instance.
  _openSocket: (this: WebSocketTrackerMembers) => void
  _startReconnectTimer: (this: WebSocketTrackerMembers) => void
  _onSocketConnect: (this: WebSocketTrackerMembers) => void
}

/** The tracker class is not exported by the bundle: its prototype is reached through an instance. */
export function webSocketTrackerPrototype(tracker: unknown): WebSocketTrackerMembers | null {
  const prototype: unknown =
    typeof tracker === 'object' && tracker !== null ? Object.getPrototypeOf(tracker) : null
  return withFunctions('tracker-reconnect', prototype, [
    '_startReconnectTimer',
    '_openSocket',
    '_onSocketConnect',
  ])
}

/**
 * discard-piece: what lib/torrent.js keeps per piece. A verified piece has no reservation list;
 * `_markUnverified` makes the piece missing again (and leaves `_reservations` alone), `_checkDone`
 * un-marks "done", `_update` schedules requests.
 */
export interface DiscardMembers {
  _reservations: (unknown[] | null)[]
  _markUnverified(index: number): void
  _checkDone(): boolean
  _update(): void
}

export function discardMembers(torrent: unknown): DiscardMembers | null {
  return withMembers('discard-piece', torrent, {
    _reservations: 'array',
    _markUnverified: 'function',
    _checkDone: 'function',
    _update: 'function',
  })
}

/** piece-activity: torrent-piece's counters; a verified piece is null. */
export interface PieceProgress {
  readonly length: number
  readonly missing: number
  /** Blocks of the piece requested so far. */
  readonly _reservations: number
}

/**
 * piece-activity: a wanted piece range (lib/selections.js); a file stream adds one with
 * `isStreamSelection`, and `offset` moves past the pieces at its start that are verified.
 */
export interface Selection {
  readonly from: number
  readonly to: number
  readonly offset: number
  readonly isStreamSelection?: boolean
}

export interface ActivityMembers {
  readonly pieces: readonly unknown[]
  readonly _selections: Iterable<unknown>
}

export function activityMembers(torrent: unknown): ActivityMembers | null {
  return withMembers('piece-activity', torrent, { pieces: 'array', _selections: 'iterable' })
}

export function isPieceProgress(piece: unknown): piece is PieceProgress {
  return hasMembers(piece, { length: 'number', missing: 'number', _reservations: 'number' }).length === 0
}

export function isSelection(selection: unknown): selection is Selection {
  return hasMembers(selection, { from: 'number', to: 'number', offset: 'number' }).length === 0
}

/**
 * paced-uploads: the wire's `piece` and `choke` are replaced by own properties, which works because
 * bittorrent-protocol's request handler answers through `this.piece`.
 */
export interface UploadMembers {
  piece(index: number, offset: number, block: Uint8Array): void
  choke(): void
}

export function uploadMembers<T>(wire: T): (T & UploadMembers) | null {
  return withFunctions('paced-uploads', wire, ['piece', 'choke'])
}

/**
 * requested-blocks: WebTorrent asks for every block through `wire.request`, and bittorrent-protocol
 * calls that request's callback (with no error) only for the piece message that matches it.
 */
export interface RequestMembers {
  request(
    index: number,
    offset: number,
    length: number,
    callback?: (error: Error | null, block: Uint8Array | null) => void,
  ): void
  on(event: 'piece', listener: (index: number, offset: number, block: Uint8Array) => void): unknown
}

export function requestMembers(wire: unknown): RequestMembers | null {
  return withFunctions('requested-blocks', wire, ['request', 'on'])
}

/**
 * hash-failure: WebTorrent reports a failed hash check only as a warning with this wording (an error
 * message, not a member; a change of wording turns failures into plain warnings).
 */
const HASH_FAILURE = /^Piece (\d+) failed verification$/

/** The index of the piece a warning says failed its hash check, or null for any other warning. */
export function failedPieceIndex(message: string): number | null {
  const failed = HASH_FAILURE.exec(message)
  return failed ? Number(failed[1]) : null
}

/** channel-binding: the session descriptions of the RTCPeerConnection under a WebRTC wire. */
export interface ChannelMembers {
  readonly localDescription: { readonly sdp?: string } | null
  readonly remoteDescription: { readonly sdp?: string } | null
}

/**
 * channel-binding: WebTorrent keeps its peers in `torrent._peers` (a Map of Peer); the peer whose
 * `wire` is this one holds the simple-peer in `conn`, whose RTCPeerConnection is `_pc`. Null when any
 * of it is missing: a missing `_peers` turns the patch off (said once); a wire that is not WebRTC
 * (a web seed) simply has no such peer.
 */
export function channelMembers(torrent: unknown, wire: unknown): ChannelMembers | null {
  const members = withMembers<{ _peers: Map<unknown, unknown> }>('channel-binding', torrent, {
    _peers: 'iterable',
  })
  if (!members) return null
  for (const peer of members._peers.values()) {
    const record = typeof peer === 'object' && peer !== null ? (peer as Record<string, unknown>) : {}
    if (record.wire !== wire) continue
    const conn = record.conn
    const pc = typeof conn === 'object' && conn !== null ? (conn as Record<string, unknown>)._pc : null
    return typeof RTCPeerConnection !== 'undefined' && pc instanceof RTCPeerConnection ? pc : null
  }
  return null
}

/**
 * private-trackers: a torrent's tracker connections live in the bittorrent-tracker Client at
 * `discovery.tracker`, one per URL in `_trackers`; `_defaultAnnounceOpts` fills in an announce's
 * counters as the Client's own `stop()` does.
 */
export interface TrackerClientMembers {
  _trackers: unknown[]
  _defaultAnnounceOpts(options: Record<string, unknown>): Record<string, unknown>
}

/** private-trackers: one tracker connection (WebSocket, or another kind in other builds). */
export interface TrackerConnectionMembers {
  readonly announceUrl: string
  announce(options: Record<string, unknown>): void
  destroy(): void
}

/**
 * The torrent's tracker Client, or null: quietly when the torrent has none (no discovery yet, or a
 * client made with `tracker: false`), with the patch-off message when its members are missing.
 */
export function trackerClientMembers(torrent: unknown): TrackerClientMembers | null {
  const client = (torrent as DiscoveryMembers | null)?.discovery?.tracker
  if (client === undefined || client === null) return null
  return withMembers('private-trackers', client, { _trackers: 'array', _defaultAnnounceOpts: 'function' })
}

export function trackerConnectionMembers(tracker: unknown): TrackerConnectionMembers | null {
  return withMembers('private-trackers', tracker, {
    announceUrl: 'string',
    announce: 'function',
    destroy: 'function',
  })
}

/**
 * stream-window: lib/torrent.js adds a selection with `_select(from, to, priority, notify,
 * isStreamSelection)`; one added as a stream selection is removed by `_deselect(from, to, true)`
 * without cutting the file's own selection. `critical` marks pieces whose blocks may be taken from a
 * slower peer (hotswap); `_critical` is that mark per piece, which WebTorrent never clears.
 */
export interface StreamSelectMembers {
  _select(from: number, to: number, priority: number, notify: null, isStreamSelection: boolean): void
  _deselect(from: number, to: number, isStreamSelection: boolean): void
  critical(from: number, to: number): void
  _critical: (boolean | undefined)[]
  /** WebTorrent rotates prioritised selections after each wire it fills; sorting restores the order. */
  readonly _selections: {
    sort(compare: (a: { priority?: number }, b: { priority?: number }) => number): void
  }
  _updateWireWrapper(): void
}

export function streamSelectMembers(torrent: unknown): StreamSelectMembers | null {
  const members = withMembers<StreamSelectMembers>('stream-window', torrent, {
    _select: 'function',
    _deselect: 'function',
    critical: 'function',
    _critical: 'array',
    _updateWireWrapper: 'function',
  })
  if (!members) return null
  return withMembers('stream-window', members._selections, { sort: 'function' }) ? members : null
}
