/**
 * Writes piece data to IndexedDB off the page's main thread. Storing a value in IndexedDB serialises
 * it on the calling thread, and for pieces (hundreds of kilobytes each, megabytes per second) that was
 * about a tenth of the downloading page's main thread: time it could not spend receiving data.
 * Requests are handled in the order they arrive, so a delete never overtakes an earlier write.
 */
import { performChunkWrite, type ChunkWriteReply, type ChunkWriteRequest } from './chunk-messages'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ChunkWriteRequest>) => void) | null
  postMessage(reply: ChunkWriteReply): void
}

scope.onmessage = ({ data: request }) => {
  performChunkWrite(request).then(
    () => scope.postMessage({ id: request.id, error: null }),
    (error: unknown) =>
      scope.postMessage({
        id: request.id,
        error:
          error instanceof DOMException || error instanceof Error
            ? { name: error.name, message: error.message }
            : { name: 'Error', message: String(error) },
      }),
  )
}
