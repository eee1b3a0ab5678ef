/**
 * The stream's range reader. Content-Range parsing is pure; the reading tests inject `fetch` (an
 * in-memory fake that records the ranges asked for and can hold an answer back), nothing else.
 */
import { describe, expect, it } from 'vitest'
import { streamRangeReader, totalFromContentRange } from './range-reader'

describe('totalFromContentRange', () => {
  it('reads the total length', () => {
    expect(totalFromContentRange('bytes 0-0/123456')).toBe(123456)
    expect(totalFromContentRange('bytes 10-99/100')).toBe(100)
  })
  it('gives null when the total is absent or unknown', () => {
    expect(totalFromContentRange(null)).toBeNull()
    expect(totalFromContentRange('bytes 0-0/*')).toBeNull()
  })
})

/** A stream of `file`, answering Range requests; `hold` keeps answers back until released. */
function fakeStream(file: Uint8Array, options: { hold?: boolean } = {}) {
  const asked: string[] = []
  const held: (() => void)[] = []
  const fetcher = (_url: string, init?: RequestInit): Promise<Response> => {
    const range = new Headers(init?.headers).get('Range') ?? ''
    asked.push(range)
    const [start, end] = (/bytes=(\d+)-(\d+)/.exec(range) ?? []).slice(1).map(Number)
    const answer = () =>
      new Response(file.slice(start, (end ?? 0) + 1), {
        status: 206,
        headers: { 'Content-Range': `bytes ${start}-${end}/${file.length}` },
      })
    if (!options.hold) return Promise.resolve(answer())
    return new Promise((resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
      held.push(() => resolve(answer()))
    })
  }
  return { fetcher, asked, release: () => held.splice(0).forEach((answer) => answer()) }
}

describe('streamRangeReader', () => {
  const file = Uint8Array.from({ length: 100 }, (_, index) => index)

  it('reads byte ranges [start, end) and the size', async () => {
    const stream = fakeStream(file)
    const reader = streamRangeReader('/webtorrent/x/file', { fetch: stream.fetcher })
    expect([...(await reader.read(10, 14))]).toEqual([10, 11, 12, 13])
    expect(await reader.size()).toBe(100)
    expect(stream.asked).toEqual(['bytes=10-13', 'bytes=0-0'])
  })

  it('once stopped, asks for nothing more and ends a read still waiting', async () => {
    // The player closed (torrent removed): a request sent after that would reach a torrent that is gone.
    const stream = fakeStream(file, { hold: true })
    const stop = new AbortController()
    const reader = streamRangeReader('/webtorrent/x/file', { fetch: stream.fetcher, signal: stop.signal })
    const waiting = reader.read(0, 10)
    stop.abort()
    await expect(waiting).rejects.toThrow()
    await expect(reader.read(10, 20)).rejects.toThrow()
    await expect(reader.size()).rejects.toThrow()
    expect(stream.asked).toEqual(['bytes=0-9'])
  })
})
