/**
 * Streaming: WebTorrent's service worker (the very file the build copies into the site) run in a
 * sandbox, the page's guard (src/torrent/engine/stream-request.ts), and WebTorrent's page-side server
 * (lib/server.js, the source of the bundle the app loads) on a fake torrent. Each case is one request
 * as the browser would hand it to the worker: a URL (valid stream URLs edited by the mutators,
 * malformed escapes, other paths), a method, a Range header and a destination. Every request under
 * /webtorrent/ must be answered, in time, with the right bytes for the range it names; nothing may
 * reject unhandled; requests outside it must be left to the network.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import vm from 'node:vm'
import { BrowserServer } from 'webtorrent/lib/server.js'
import { guardStreamRequests } from '../../../src/torrent/engine/stream-request'
import type { FuzzTarget } from '../harness'
import { mutateText } from '../mutate'
import type { Rng } from '../rng'

const SCOPE = 'http://127.0.0.1:5173/'
const HEX = '0123456789abcdef'
const RESPONSE_TIMEOUT_MS = 4_000
const URL_TOKENS = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%ff',
  '%2F',
  '%00',
  '/',
  '//',
  '..',
  '?',
  '#',
  '\\',
  ' ',
  'webtorrent/',
]
const RANGES = [
  '',
  'bytes=0-',
  'bytes=0-0',
  'bytes=0-1',
  'bytes=-500',
  'bytes=5-2',
  'bytes=0-1,4-9',
  'items=0-1',
]

const require = createRequire(import.meta.url)
const WORKER_SOURCE = readFileSync(require.resolve('webtorrent/dist/sw.min.js'), 'utf8')

interface FakeFile {
  name: string
  path: string
  length: number
  type: string
  offset: number
  [Symbol.asyncIterator](range?: { start: number; end: number } | null): AsyncGenerator<Uint8Array>
  emit(): void
}

interface FakeTorrent {
  infoHash: string
  name: string
  length: number
  files: FakeFile[]
}

/** Byte `index` of every file: a pattern that shows when a range is off by one. */
const byteAt = (index: number) => (index * 31 + 7) & 0xff

function fakeFile(name: string, path: string, length: number): FakeFile {
  return {
    name,
    path,
    length,
    type: 'video/webm',
    offset: 0,
    async *[Symbol.asyncIterator](range) {
      const start = range?.start ?? 0
      const end = range?.end ?? length - 1
      for (let from = start; from <= end; from += 1_000) {
        const to = Math.min(end + 1, from + 1_000)
        // Pieces arrive later than asked for.
        await Promise.resolve()
        yield Uint8Array.from({ length: to - from }, (_, index) => byteAt(from + index))
      }
    },
    emit() {},
  }
}

function fakeTorrent(rng: Rng): FakeTorrent {
  const name = rng.text(rng.between(1, 12)).replace(/[/\\]/g, '_')
  const files = Array.from({ length: rng.between(1, 3) }, (_, index) => {
    const fileName = `${index}${rng.text(rng.size(10)).replace(/[/\\]/g, '_')}`
    return fakeFile(fileName, `${name}/${fileName}`, rng.chance(0.1) ? 0 : rng.between(1, 5_000))
  })
  const length = files.reduce((sum, file) => sum + file.length, 0)
  return { infoHash: rng.stringFrom(HEX, 40), name, length, files }
}

interface FetchLikeEvent {
  request: { url: string; method: string; headers: Headers; destination: string }
  respondWith(response: Response | Promise<Response>): void
}

interface Context {
  onFetch: (event: FetchLikeEvent) => void
  server: BrowserServer
  torrents: FakeTorrent[]
  ports: MessagePort[]
  restore: () => void
}

/** Asks the worker, as the browser does for a fetch from a page it controls. */
function dispatchFetch(context: Context, request: FetchLikeEvent['request']): Promise<Response> | null {
  let responded: Promise<Response> | null = null
  context.onFetch({
    request,
    respondWith: (response) => {
      responded = Promise.resolve(response)
    },
  })
  return responded
}

function setup(): Context {
  const ports: MessagePort[] = []
  const container = new EventTarget()
  const listeners = new Map<string, (event: FetchLikeEvent) => void>()
  // The page, as the worker sees it: a window client whose messages reach navigator.serviceWorker.
  const page = {
    postMessage(data: unknown, transfer: MessagePort[]) {
      const clone: unknown = structuredClone(data)
      setImmediate(() =>
        container.dispatchEvent(new MessageEvent('message', { data: clone, ports: transfer })),
      )
    },
  }
  class TrackedChannel extends MessageChannel {
    constructor() {
      super()
      ports.push(this.port1, this.port2)
    }
  }
  const sandbox = vm.createContext({
    self: {
      registration: { scope: SCOPE },
      addEventListener: (type: string, listener: (event: FetchLikeEvent) => void) =>
        listeners.set(type, listener),
      skipWaiting: () => undefined,
    },
    clients: { matchAll: () => Promise.resolve([page]), claim: () => Promise.resolve() },
    Response,
    ReadableStream,
    MessageChannel: TrackedChannel,
    setTimeout,
    clearTimeout,
  })
  new vm.Script(WORKER_SOURCE, { filename: 'sw.min.js' }).runInContext(sandbox)
  const onFetch = listeners.get('fetch')
  if (!onFetch) throw new Error('the worker registered no fetch listener')

  // WebTorrent's server reads navigator.serviceWorker and fetches through the worker.
  const navigatorDescriptor = Object.getOwnPropertyDescriptor(globalThis, 'navigator')
  const originalFetch = globalThis.fetch
  Object.defineProperty(globalThis, 'navigator', {
    value: { serviceWorker: container },
    configurable: true,
    writable: true,
  })
  globalThis.fetch = (input: string | URL | Request) => {
    const url = new URL(input instanceof Request ? input.url : input, SCOPE).href
    const request = { url, method: 'GET', headers: new Headers(), destination: '' }
    return dispatchFetch(context, request) ?? Promise.resolve(new Response('not found', { status: 404 }))
  }
  const torrents: FakeTorrent[] = []
  const client = {
    ready: true,
    torrents,
    get: (id: string) =>
      Promise.resolve(torrents.find((torrent) => torrent.infoHash === id.toLowerCase()) ?? null),
    once: () => undefined,
    removeListener: () => undefined,
  }
  const restore = () => {
    globalThis.fetch = originalFetch
    if (navigatorDescriptor) Object.defineProperty(globalThis, 'navigator', navigatorDescriptor)
    else Reflect.deleteProperty(globalThis, 'navigator')
  }
  // The app adds its guard first (registerStreamWorker), then WebTorrent its listener (createServer).
  guardStreamRequests(container)
  const context: Context = {
    onFetch,
    server: undefined as unknown as BrowserServer,
    torrents,
    ports,
    restore,
  }
  context.server = new BrowserServer(client, { controller: { scope: SCOPE } })
  return context
}

async function teardown(context: Context): Promise<void> {
  // Let the last replies settle, then stop everything the worker and the server left running.
  await new Promise((resolve) => setTimeout(resolve, 20))
  context.server.close()
  if (context.server.workerKeepAliveInterval) clearInterval(context.server.workerKeepAliveInterval)
  for (const port of context.ports) port.close()
  context.restore()
}

function requestUrl(rng: Rng, torrents: readonly FakeTorrent[]): string {
  const torrent = rng.pick(torrents)
  const file = rng.pick(torrent.files)
  const streamUrl = `${SCOPE}webtorrent/${torrent.infoHash}/${file.path.split('/').map(encodeURIComponent).join('/')}`
  switch (rng.below(8)) {
    case 0:
      return `${SCOPE}webtorrent/${rng.pick(['keepalive/', 'cancel/', '', 'favicon.ico', torrent.infoHash, `${torrent.infoHash}/`])}`
    case 1:
      return `${SCOPE}${rng.pick(['', 'index.html', 'webtorrent', 'sw.min.js', `x?u=${SCOPE}webtorrent/`])}`
    case 2:
    case 3:
      return streamUrl
    default:
      return mutateText(rng, streamUrl, { tokens: URL_TOKENS })
  }
}

function rangeHeader(rng: Rng, length: number): string {
  if (rng.chance(0.4)) return rng.pick(RANGES)
  const start = rng.below(length + 2)
  const end = rng.chance(0.3) ? '' : String(start + rng.below(length + 2))
  const header = `bytes=${start}-${end}`
  if (!rng.chance(0.3)) return header
  // Only what a header can carry: visible ASCII and spaces.
  return mutateText(rng, header, { tokens: ['-', ',', '=', ' ', '99999999999999999999'] }).replace(
    /[^\x20-\x7e]/g,
    '',
  )
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer in ${RESPONSE_TIMEOUT_MS} ms`)),
      RESPONSE_TIMEOUT_MS,
    )
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** The bytes a 200 or 206 must carry, from the response's own Content-Range. */
function checkBody(response: Response, file: FakeFile, body: Uint8Array): void {
  let start = 0
  let end = file.length - 1
  if (response.status === 206) {
    const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(response.headers.get('content-range') ?? '')
    if (!match || Number(match[3]) !== file.length) throw new Error('206 without a valid Content-Range')
    start = Number(match[1])
    end = Number(match[2])
    if (start > end || end >= file.length) throw new Error(`Content-Range ${start}-${end} of ${file.length}`)
  }
  if (Number(response.headers.get('content-length')) !== end - start + 1) {
    throw new Error(`Content-Length ${response.headers.get('content-length')} for ${end - start + 1} bytes`)
  }
  if (body.length !== end - start + 1) throw new Error(`${body.length} bytes sent for ${end - start + 1}`)
  body.forEach((byte, index) => {
    if (byte !== byteAt(start + index)) throw new Error(`wrong byte at ${start + index}`)
  })
}

export const streamWorker: FuzzTarget<Context> = {
  name: 'stream-worker',
  async: true,
  setup,
  teardown,
  async run({ rng, input }, context) {
    // The previous case's channels have delivered everything by now: close them, or they pile up.
    for (const port of context.ports.splice(0)) port.close()
    // A handful of torrents, replaced now and then.
    if (context.torrents.length === 0 || rng.chance(0.05)) {
      if (context.torrents.length >= 4) context.torrents.shift()
      context.torrents.push(fakeTorrent(rng))
    }
    let url: string
    try {
      url = new URL(requestUrl(rng, context.torrents)).href
    } catch {
      return 'not-a-url'
    }
    const method = rng.pick(['GET', 'GET', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE'])
    const headers = new Headers()
    const file = context.torrents
      .flatMap((torrent) => torrent.files)
      .find((candidate) => url.includes(candidate.name))
    if (rng.chance(0.6)) headers.set('range', rangeHeader(rng, file?.length ?? 100))
    if (rng.chance(0.1))
      headers.set('origin', rng.pick(['http://127.0.0.1:5173', 'null', 'https://elsewhere.example']))
    const destination = rng.pick(['', 'video', 'audio', 'document', 'image'])
    const request = { url, method, headers, destination }
    input('request', { ...request, headers: Object.fromEntries(headers) })

    const responding = dispatchFetch(context, request)
    if (responding === null) {
      if (url.includes(`${SCOPE}webtorrent/`)) throw new Error('a stream request was left to the network')
      return 'network'
    }
    const response = await withTimeout(responding, url)
    if (url.includes('/webtorrent/cancel/')) {
      await response.body?.cancel()
      return 'cancel'
    }
    const body = new Uint8Array(await withTimeout(response.arrayBuffer(), `body of ${url}`))
    if (![200, 206, 400, 404, 405].includes(response.status)) throw new Error(`status ${response.status}`)
    const served = context.torrents
      .flatMap((torrent) => torrent.files.map((candidate) => ({ torrent, candidate })))
      .find(
        ({ torrent, candidate }) =>
          new URL(url).pathname ===
          `/webtorrent/${torrent.infoHash}/${candidate.path.split('/').map(encodeURIComponent).join('/')}`,
      )
    if (served && method === 'GET' && (response.status === 200 || response.status === 206)) {
      checkBody(response, served.candidate, body)
      return `file-${response.status}`
    }
    return `status-${response.status}`
  },
}
