/**
 * The messages WebTorrent's streaming service worker sends the page, one per request under
 * `/webtorrent/`, and the ones its page-side server (lib/server.js) fails on: it decodes the file
 * path with `decodeURIComponent`, which throws on a malformed escape (`/webtorrent/<hash>/%E0%A4%A`),
 * and it reads the body of its answer to OPTIONS, which has none. Either way the error becomes an
 * unhandled rejection in the page and the worker waits for an answer forever. Those requests are
 * answered here instead, before WebTorrent sees them.
 */

/** The reply the worker turns into a `Response` (`new Response(body, { status, headers })`). */
export interface StreamReply {
  status: number
  headers: Record<string, string>
  body: string
}

const reply = (status: number, reason: string): StreamReply => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  body: reason,
})

/** The answer to a request WebTorrent's server cannot handle; null for those it can (or non-requests). */
export function streamRequestRefusal(data: unknown): StreamReply | null {
  if (typeof data !== 'object' || data === null) return null
  const { type, url, method } = data as { type?: unknown; url?: unknown; method?: unknown }
  if (type !== 'webtorrent' || typeof url !== 'string' || url === '') return null
  // WebTorrent answers every method but these with 405 itself, except OPTIONS, which makes it throw.
  if (method !== 'GET' && method !== 'HEAD') return reply(405, 'Method not allowed')
  let pathname: string
  try {
    // The same parse as WebTorrent's server.
    pathname = new URL(url, 'http://example.com').pathname
  } catch {
    return reply(400, 'Bad request: the URL does not parse')
  }
  try {
    // WebTorrent decodes the part after the info hash. When the whole path decodes, so does that
    // part; a bad escape elsewhere in it (WebTorrent's 404) gets the 400 as well.
    decodeURIComponent(pathname)
  } catch {
    return reply(400, 'Bad request: the path has a malformed percent escape')
  }
  return null
}

/**
 * Answers the requests WebTorrent's server would fail on, before its own listener sees them: it must
 * be added to `container` (the page's `navigator.serviceWorker`) before `client.createServer`.
 * Returns the disposer.
 */
export function guardStreamRequests(container: EventTarget): () => void {
  const onMessage = (event: Event) => {
    const { data, ports } = event as MessageEvent<unknown>
    const [port] = ports
    const refusal = port === undefined ? null : streamRequestRefusal(data)
    if (refusal === null) return
    event.stopImmediatePropagation()
    port?.postMessage(refusal)
  }
  container.addEventListener('message', onMessage)
  return () => container.removeEventListener('message', onMessage)
}
