/**
 * Each patch of WebTorrent's internals on a fake torrent or wire (plain objects) that lacks one of the
 * members it needs, as another webtorrent build might: the patch does not apply, the object keeps its
 * own behaviour, and the console is told once. console.warn is spied on.
 */
import type { WebTorrentWire } from 'webtorrent/dist/webtorrent.min.js'
import { afterEach, beforeEach, expect, it, vi, type MockInstance } from 'vitest'
import { discardVerifiedPiece } from './discard-piece'
import { failedPieceIndex } from './internals'
import { PacedUploads, wrapBlockSends } from './paced-uploads'
import { pieceActivityOf } from './piece-activity'
import { coalesceRequestRefills } from './request-refill'
import { quickenTrackerReconnects, reconnectTrackersSooner } from './tracker-reconnect'
import { sendMessagesWhole } from './whole-messages'

let warn: MockInstance<typeof console.warn>
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => warn.mockRestore())

/** The warnings of one patch: a patch warns once per page load, whatever the number of torrents. */
function warningsAbout(patch: string): string[] {
  return warn.mock.calls.map((call) => String(call[0])).filter((text) => text.includes(patch))
}

it('request-refill: a torrent without _updateWireWrapper keeps its own _update', () => {
  const update = () => undefined
  const torrents = [{ _update: update }, { _update: update }]
  for (const torrent of torrents) coalesceRequestRefills(torrent, () => expect.fail('no refill scheduled'))
  for (const torrent of torrents) expect(torrent._update).toBe(update)
  torrents[0]?._update()
  expect(warningsAbout('request-refill')).toEqual([expect.stringContaining('_updateWireWrapper')])
})

it('whole-messages: a wire without _push keeps its own _message', () => {
  const message = () => undefined
  const wires = [{ _message: message }, { _message: message }]
  for (const wire of wires) sendMessagesWhole(wire)
  for (const wire of wires) expect(wire._message).toBe(message)
  expect(warningsAbout('whole-messages')).toEqual([expect.stringContaining('_push')])
})

it('tracker-reconnect: no _startDiscovery or no tracker members leaves WebTorrent as it is', () => {
  const torrent: Record<string, unknown> = {}
  reconnectTrackersSooner(torrent)
  expect(torrent).toEqual({})
  // A tracker whose class lacks _openSocket: its prototype is not touched.
  const own = () => undefined
  class Tracker {}
  Object.assign(Tracker.prototype, { _startReconnectTimer: own, _onSocketConnect: own })
  quickenTrackerReconnects([new Tracker(), new Tracker()])
  expect(Tracker.prototype).toEqual({ _startReconnectTimer: own, _onSocketConnect: own })
  expect(warningsAbout('tracker-reconnect')).toEqual([expect.stringContaining('_startDiscovery')])
})

it('discard-piece: a torrent without _markUnverified is left alone', () => {
  const calls: string[] = []
  const torrent = {
    _reservations: [null, null],
    _checkDone: () => void calls.push('checkDone'),
    _update: () => void calls.push('update'),
  }
  discardVerifiedPiece(torrent, 1)
  discardVerifiedPiece(torrent, 0)
  expect(torrent._reservations).toEqual([null, null])
  expect(calls).toEqual([])
  expect(warningsAbout('discard-piece')).toEqual([expect.stringContaining('_markUnverified')])
})

it('piece-activity: pieces without counters or selections without ranges show no activity', () => {
  const renamed = { pieces: [null, { length: 10, left: 5, _reservations: 1 }], _selections: [] }
  const unranged = { pieces: [null], _selections: [{ start: 0, end: 3, isStreamSelection: true }] }
  expect(pieceActivityOf(renamed)).toEqual({ inFlight: [], streamed: [] })
  expect(pieceActivityOf(unranged)).toEqual({ inFlight: [], streamed: [] })
  expect(pieceActivityOf({ pieces: [] })).toEqual({ inFlight: [], streamed: [] })
  expect(warningsAbout('piece-activity')).toEqual([expect.stringContaining('missing')])
  // With every member present the same call reads the activity.
  const complete = {
    pieces: [null, { length: 10, missing: 5, _reservations: 0 }],
    _selections: [{ from: 0, to: 3, offset: 1, isStreamSelection: true }],
  }
  expect(pieceActivityOf(complete)).toEqual({ inFlight: [1], streamed: [[1, 3]] })
})

it('paced-uploads: a wire without choke uploads as it would without pacing', () => {
  const piece = () => undefined
  const wire = { piece, on: () => wire, once: () => wire } as unknown as WebTorrentWire
  const uploads = new PacedUploads()
  uploads.setLimit(1)
  uploads.attach('aa'.repeat(20), wire)
  wrapBlockSends(wire, () => () => expect.fail('not wrapped'))
  expect(wire).toMatchObject({ piece })
  expect(warningsAbout('paced-uploads')).toEqual([expect.stringContaining('choke')])
})

it('hash-failure: only the exact wording counts as a failed piece', () => {
  expect(failedPieceIndex('Piece 12 failed verification')).toBe(12)
  expect(failedPieceIndex('Piece 12 failed verification, retrying')).toBeNull()
  expect(failedPieceIndex('tracker down')).toBeNull()
})
