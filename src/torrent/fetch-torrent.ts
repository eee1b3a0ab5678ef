/** Downloads a .torrent from a URL the user gave, with a size bound and messages that say what failed. */
import { UserFacingError } from './errors'
import { MAX_TORRENT_FILE_BYTES } from './torrent-file'

export async function fetchTorrentFile(url: string, signal?: AbortSignal): Promise<Uint8Array> {
  let response: Response
  try {
    response = await fetch(url, { signal, credentials: 'omit' })
  } catch {
    throw new UserFacingError(
      `Could not download the torrent from ${url}: the server could not be reached or does not allow it (CORS).`,
    )
  }
  if (!response.ok) {
    throw new UserFacingError(`Could not download the torrent from ${url}: HTTP ${response.status}.`)
  }
  if (response.headers.get('content-type')?.includes('text/html')) {
    throw new UserFacingError(`${url} is a web page, not a .torrent file.`)
  }
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > MAX_TORRENT_FILE_BYTES)
    throw new UserFacingError('That torrent URL points to a file too large to be a .torrent.')
  return readBounded(response, MAX_TORRENT_FILE_BYTES)
}

async function readBounded(response: Response, limit: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer())
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (total > limit) {
      await reader.cancel()
      throw new UserFacingError('That torrent URL points to a file too large to be a .torrent.')
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}
