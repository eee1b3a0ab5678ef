/**
 * StreamPriority against a fake torrent that records the calls WebTorrent's private members would
 * get (`_select`, `_deselect`, `critical`, `_critical`, `_selections.sort`, `_updateWireWrapper`);
 * the real members are checked on the shipped bundle by internals.browser.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { READ_HEAD_PRIORITY, StreamPriority, WINDOW_PRIORITY } from './stream-priority'

function fakeTorrent() {
  const calls: string[] = []
  const selections: { priority: number; name: string }[] = [
    { priority: 1, name: 'file stream' },
    { priority: 0, name: 'torrent' },
  ]
  const torrent = {
    calls,
    selections,
    _critical: [] as (boolean | undefined)[],
    _select: (from: number, to: number, priority: number, _notify: null, stream: boolean) => {
      calls.push(`select ${from}-${to} p${priority} ${stream ? 'stream' : 'plain'}`)
      selections.push({ priority, name: `window ${from}-${to}` })
    },
    _deselect: (from: number, to: number, stream: boolean) =>
      calls.push(`deselect ${from}-${to} ${stream ? 'stream' : 'plain'}`),
    critical(from: number, to: number) {
      for (let i = from; i <= to; i++) this._critical[i] = true
    },
    _selections: {
      sort: (compare: (a: { priority?: number }, b: { priority?: number }) => number) =>
        selections.sort(compare),
    },
    _updateWireWrapper: () => calls.push(`refill ${selections.map((s) => s.name).join(', ')}`),
  }
  return torrent
}

describe('StreamPriority', () => {
  it('selects the window above file streams, marks it critical and moves it without a gap', () => {
    const torrent = fakeTorrent()
    const priority = new StreamPriority(torrent)
    priority.set({ from: 0, to: 3 })
    priority.set({ from: 0, to: 3 })
    priority.set({ from: 40, to: 45 })
    expect(torrent.calls).toEqual([
      `select 0-3 p${WINDOW_PRIORITY} stream`,
      `select 40-45 p${WINDOW_PRIORITY} stream`,
      'deselect 0-3 stream',
    ])
    expect(torrent._critical.slice(0, 4)).toEqual([false, false, false, false])
    expect(torrent._critical.slice(40, 46).every(Boolean)).toBe(true)
    priority.set(null)
    expect(torrent.calls.at(-1)).toBe('deselect 40-45 stream')
    expect(priority.window).toBeNull()
  })

  it('puts the window first again before each refill (WebTorrent rotates prioritised selections)', () => {
    const torrent = fakeTorrent()
    new StreamPriority(torrent).set({ from: 5, to: 9 })
    // WebTorrent's rotation after filling a wire from the window: the file stream goes first.
    torrent.selections.reverse()
    torrent._updateWireWrapper()
    expect(torrent.calls.at(-1)).toBe('refill window 5-9, file stream, torrent')
  })

  it("puts the head of the player's newest read first, above the window, until that read ends", () => {
    const torrent = fakeTorrent()
    const priority = new StreamPriority(torrent, 3)
    priority.set({ from: 0, to: 9 })
    // The player reads an MP4's index at the end of the file: WebTorrent adds a stream selection.
    torrent._select(90, 99, 1, null, true)
    expect(priority.head).toEqual({ from: 90, to: 92 })
    expect(torrent.calls).toContain(`select 90-92 p${READ_HEAD_PRIORITY} stream`)
    expect(torrent._critical.slice(90, 93).every(Boolean)).toBe(true)
    torrent.selections.reverse()
    torrent._updateWireWrapper()
    expect(torrent.calls.at(-1)?.startsWith('refill window 90-92, window 0-9')).toBe(true)
    // A read shorter than the head is wanted whole, and replaces the previous head.
    torrent._select(40, 40, 1, null, true)
    expect(priority.head).toEqual({ from: 40, to: 40 })
    expect(torrent.calls).toContain('deselect 90-92 stream')
    expect(torrent._critical[90]).toBe(false)
    // The player's read ends: its head goes; the window's own pieces keep their mark.
    torrent._deselect(40, 40, true)
    expect(priority.head).toBeNull()
    expect(torrent.calls.at(-1)).toBe('deselect 40-40 stream')
    expect(priority.window).toEqual({ from: 0, to: 9 })
  })

  it('keeps the critical mark of a piece the window still holds when the head leaves it', () => {
    const torrent = fakeTorrent()
    const priority = new StreamPriority(torrent, 2)
    priority.set({ from: 0, to: 9 })
    torrent._select(0, 20, 1, null, true)
    torrent._select(50, 60, 1, null, true)
    expect(torrent._critical[0]).toBe(true)
    expect(torrent._critical[1]).toBe(true)
  })

  it('does nothing on a torrent without the members (another WebTorrent build)', () => {
    const priority = new StreamPriority({})
    priority.set({ from: 0, to: 1 })
    expect(priority.window).toBeNull()
  })
})
