/**
 * Byte ranges of a torrent file, read through its stream URL (the streaming service worker answers
 * Range requests from the torrent's pieces, fetching the ones asked for first). Only a page the
 * service worker controls can read it, so a worker asks the page (see dolby-audio.ts).
 */

export interface RangeReader {
  size(): Promise<number>
  /** Bytes [start, end) of the file. */
  read(start: number, end: number): Promise<Uint8Array<ArrayBuffer>>
}

/** The file's length from a Content-Range header ('bytes 0-0/12345'), or null. */
export function totalFromContentRange(header: string | null): number | null {
  const match = /\/(\d+)\s*$/.exec(header ?? '')
  return match?.[1] ? Number(match[1]) : null
}

export interface RangeReaderOptions {
  /** Ends reading for good: a read still waiting is aborted and no request is sent after it. */
  signal?: AbortSignal
  fetch?: (url: string, init?: RequestInit) => Promise<Response>
}

export function streamRangeReader(url: string, options: RangeReaderOptions = {}): RangeReader {
  const { signal } = options
  const fetchRange = async (range: string): Promise<Response> => {
    // Once the player is gone the torrent may be too: a request now would fail against it.
    signal?.throwIfAborted()
    return (options.fetch ?? fetch)(url, { headers: { Range: range }, signal })
  }
  let size: Promise<number> | undefined
  async function read(start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
    const response = await fetchRange(`bytes=${start}-${end - 1}`)
    if (!response.ok) throw new Error(`range ${start}-${end} of the stream: HTTP ${response.status}`)
    const bytes = new Uint8Array(await response.arrayBuffer())
    // A server that ignores Range sends the whole file from 0.
    return response.status === 206 ? bytes : bytes.subarray(start, end)
  }
  return {
    size() {
      size ??= fetchRange('bytes=0-0').then(async (response) => {
        await response.body?.cancel()
        const total = totalFromContentRange(response.headers.get('Content-Range'))
        if (total !== null) return total
        const length = Number(response.headers.get('Content-Length'))
        if (response.status === 200 && length > 0) return length
        throw new Error('the stream does not tell its size')
      })
      return size
    },
    read,
  }
}
