/**
 * Streamed downloads through the streaming service worker: the page offers a stream under a one-time
 * URL below `/webtorrent/save/`, a hidden frame navigates there, and this module answers the worker's
 * request itself (before WebTorrent's page server sees it) with `Content-Disposition: attachment`, so
 * the browser's download manager writes the bytes to disk as they come and no Blob of the file is
 * ever made. WebTorrent's own server only says `attachment` for top-level navigations, which would
 * take the page away when something goes wrong, so it is not used for saving.
 *
 * The worker (WebTorrent's sw.min.js, lib/worker-server.js) speaks over a MessagePort: the first
 * reply is `{ status, headers, body: 'STREAM' }`, then each `true` it sends asks for one chunk, a
 * falsy reply ends the body and `false` from the worker means the browser cancelled. Where it cannot
 * tell that cancelling works, it gives up on a chunk after 5 s of silence; a piece that takes longer
 * to arrive is bridged with empty chunks. A failure enqueues a value that is not bytes, which errors
 * the body, so the browser marks the download failed instead of keeping a truncated file.
 */

/** What can be saved: its bytes are read only when the browser asks for them. */
export interface SaveSource {
  /** The file name the browser saves under. */
  name: string
  length: number
  open(): ReadableStream<Uint8Array>
}

export type SaveOutcome = 'saved' | 'cancelled'

export interface SaveDownload {
  /** Same-origin; navigate a frame to it. It answers once. */
  url: string
  /** Settles when every byte was handed to the browser, or the user cancelled; rejects on a failure. */
  finished: Promise<SaveOutcome>
}

interface Job {
  source: SaveSource
  settle: (outcome: SaveOutcome) => void
  fail: (error: unknown) => void
  unclaimed: ReturnType<typeof setTimeout>
}

export const SAVE_PATH = 'webtorrent/save/'
/** Under the worker's 5 s give-up time, with room for a busy main thread. */
const BRIDGE_MS = 2_500
/** The worker may be stopped when idle: a fetch now and then keeps it alive during a long save. */
const KEEPALIVE_MS = 20_000
/** A frame that never asked (blocked, or no worker in control) fails the save instead of hanging. */
const UNCLAIMED_MS = 30_000
/** The body errors on a chunk that is not bytes; the download then fails rather than ending short. */
const BREAK_BODY = 'save failed'

export class SaveDownloads {
  readonly #jobs = new Map<string, Job>()
  readonly #scopePath: string

  /** `scope` is the worker registration's scope URL; `notStarted` is the error of an unclaimed URL. */
  constructor(
    scope: string,
    private readonly notStarted: () => Error,
  ) {
    this.#scopePath = new URL(scope).pathname
  }

  /** Registers a one-time URL for `source`. */
  offer(source: SaveSource): SaveDownload {
    const token = crypto.randomUUID()
    const finished = new Promise<SaveOutcome>((resolve, reject) => {
      const unclaimed = setTimeout(() => {
        this.#jobs.delete(token)
        reject(this.notStarted())
      }, UNCLAIMED_MS)
      this.#jobs.set(token, { source, settle: resolve, fail: reject, unclaimed })
    })
    const url = `${this.#scopePath}${SAVE_PATH}${token}/${encodeURIComponent(source.name)}`
    return { url, finished }
  }

  /**
   * Answers the worker's requests for offered URLs. Must be added to the page's
   * `navigator.serviceWorker` before WebTorrent's server, which would answer 404. Returns the disposer.
   */
  listen(container: EventTarget): () => void {
    const onMessage = (event: Event) => {
      const { data, ports } = event as MessageEvent<unknown>
      const [port] = ports
      const token = port ? this.#tokenOf(data) : null
      if (token === null || !port) return
      event.stopImmediatePropagation()
      const job = this.#jobs.get(token)
      this.#jobs.delete(token)
      if (!job) {
        port.postMessage({ status: 410, headers: { 'Content-Type': 'text/plain' }, body: 'Gone' })
        return
      }
      clearTimeout(job.unclaimed)
      serve(port, job, `${this.#scopePath}webtorrent/keepalive/`)
    }
    container.addEventListener('message', onMessage)
    return () => container.removeEventListener('message', onMessage)
  }

  #tokenOf(data: unknown): string | null {
    if (typeof data !== 'object' || data === null) return null
    const { type, url } = data as { type?: unknown; url?: unknown }
    if (type !== 'webtorrent' || typeof url !== 'string') return null
    let pathname: string
    try {
      pathname = new URL(url).pathname
    } catch {
      return null
    }
    const prefix = this.#scopePath + SAVE_PATH
    if (!pathname.startsWith(prefix)) return null
    return pathname.slice(prefix.length).split('/')[0] ?? null
  }
}

function serve(port: MessagePort, job: Job, keepAliveUrl: string): void {
  const { source } = job
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null
  let over = false
  const keepAlive = setInterval(() => void fetch(keepAliveUrl).catch(() => undefined), KEEPALIVE_MS)
  const end = () => {
    over = true
    port.onmessage = null
    clearInterval(keepAlive)
  }
  const next = async () => {
    reader ??= source.open().getReader()
    pending ??= reader.read()
    let bridge: ReturnType<typeof setTimeout> | undefined
    const waited = await Promise.race([
      pending,
      new Promise<null>((resolve) => (bridge = setTimeout(() => resolve(null), BRIDGE_MS))),
    ])
    clearTimeout(bridge)
    if (over) return
    if (waited === null) {
      port.postMessage(new Uint8Array(0))
      return
    }
    pending = null
    if (waited.done) {
      end()
      port.postMessage(null)
      job.settle('saved')
    } else {
      port.postMessage(waited.value)
    }
  }
  port.onmessage = ({ data }: MessageEvent<unknown>) => {
    if (over) return
    if (!data) {
      end()
      void reader?.cancel().catch(() => undefined)
      job.settle('cancelled')
      return
    }
    next().catch((error: unknown) => {
      if (over) return
      end()
      port.postMessage(BREAK_BODY)
      void reader?.cancel().catch(() => undefined)
      job.fail(error)
    })
  }
  port.postMessage({
    status: 200,
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeRfc5987(source.name)}`,
      'Content-Length': String(source.length),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
    body: 'STREAM',
  })
}

/** RFC 5987 `ext-value` characters: everything else is percent-encoded. */
function encodeRfc5987(name: string): string {
  return encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}
