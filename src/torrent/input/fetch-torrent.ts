/** Downloads a .torrent from a URL the user gave, with a size bound and messages that say what failed. */
import { t } from '../../i18n/translate'
import { UserFacingError } from '../../shared/errors'
import { MAX_TORRENT_FILE_BYTES } from './torrent-file'

export async function fetchTorrentFile(url: string, signal?: AbortSignal): Promise<Uint8Array> {
  let response: Response
  try {
    response = await fetch(url, { signal, credentials: 'omit' })
  } catch {
    throw new UserFacingError(t('fetch.unreachable', { url }))
  }
  if (!response.ok) {
    throw new UserFacingError(t('fetch.http', { url, status: String(response.status) }))
  }
  if (response.headers.get('content-type')?.includes('text/html')) {
    throw new UserFacingError(t('fetch.webPage', { url }))
  }
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > MAX_TORRENT_FILE_BYTES) throw new UserFacingError(t('fetch.tooLarge'))
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
      throw new UserFacingError(t('fetch.tooLarge'))
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
