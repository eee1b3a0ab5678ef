/**
 * SaveDownloads against the worker's side of WebTorrent's port protocol, played by the test over a
 * real MessageChannel: the worker's message arrives as a MessageEvent on a plain EventTarget (the
 * page's `navigator.serviceWorker` in the app). Sources are in-memory streams; timers are faked
 * where the 2.5 s bridge is tested.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SaveDownloads, type SaveSource } from './save-downloads'

const SCOPE = 'http://127.0.0.1:4173/'

function worker(container: EventTarget, url: string) {
  const { port1, port2 } = new MessageChannel()
  const received: unknown[] = []
  let wake: () => void = () => {}
  port1.onmessage = ({ data }: MessageEvent<unknown>) => {
    received.push(data)
    wake()
  }
  const next = async () => {
    while (received.length === 0) await new Promise<void>((resolve) => (wake = resolve))
    return received.shift()
  }
  container.dispatchEvent(
    new MessageEvent('message', {
      data: { type: 'webtorrent', url: new URL(url, SCOPE).href, method: 'GET', destination: 'iframe' },
      ports: [port2],
    }),
  )
  return {
    pull: () => port1.postMessage(true),
    cancel: () => port1.postMessage(false),
    next,
    close: () => port1.close(),
  }
}

function source(chunks: Uint8Array[], fail?: Error): SaveSource & { cancelled: boolean } {
  const made = {
    name: 'Film (2024).mkv',
    length: chunks.reduce((sum, chunk) => sum + chunk.length, 0),
    cancelled: false,
    open: () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          const chunk = chunks.shift()
          if (chunk) controller.enqueue(chunk)
          else if (fail) controller.error(fail)
          else controller.close()
        },
        cancel: () => {
          made.cancelled = true
        },
      }),
  }
  return made
}

const notStarted = () => new Error('not started')

afterEach(() => {
  vi.useRealTimers()
})

describe('SaveDownloads', () => {
  it('answers its URL once, as an attachment, chunk by chunk, and says when all was handed over', async () => {
    const saves = new SaveDownloads(SCOPE, notStarted)
    const container = new EventTarget()
    saves.listen(container)
    const download = saves.offer(source([new Uint8Array([1, 2]), new Uint8Array([3])]))
    expect(download.url).toMatch(/^\/webtorrent\/save\/[0-9a-f-]{36}\/Film%20\(2024\)\.mkv$/)

    const browser = worker(container, download.url)
    const head = (await browser.next()) as { status: number; headers: Record<string, string>; body: string }
    expect(head.status).toBe(200)
    expect(head.body).toBe('STREAM')
    expect(head.headers['Content-Disposition']).toBe("attachment; filename*=UTF-8''Film%20%282024%29.mkv")
    expect(head.headers['Content-Length']).toBe('3')
    browser.pull()
    expect(await browser.next()).toEqual(new Uint8Array([1, 2]))
    browser.pull()
    expect(await browser.next()).toEqual(new Uint8Array([3]))
    browser.pull()
    expect(await browser.next()).toBeNull()
    await expect(download.finished).resolves.toBe('saved')
    browser.close()

    // The same URL again: gone, and WebTorrent's server never sees it either way.
    const again = worker(container, download.url)
    expect(await again.next()).toMatchObject({ status: 410 })
    again.close()
  })

  it('leaves other stream URLs to WebTorrent', () => {
    const saves = new SaveDownloads(SCOPE, notStarted)
    const container = new EventTarget()
    saves.listen(container)
    const seen = vi.fn()
    container.addEventListener('message', seen)
    worker(container, '/webtorrent/0123456789abcdef0123456789abcdef01234567/film.mkv').close()
    expect(seen).toHaveBeenCalledOnce()
  })

  it('bridges a slow piece with empty chunks, so the worker does not give up on the download', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    const saves = new SaveDownloads(SCOPE, notStarted)
    const container = new EventTarget()
    saves.listen(container)
    let arrive: (chunk: Uint8Array) => void = () => {}
    const download = saves.offer({
      name: 'slow.bin',
      length: 1,
      open: () =>
        new ReadableStream<Uint8Array>({
          start: (controller) => {
            arrive = (chunk) => {
              controller.enqueue(chunk)
              controller.close()
            }
          },
        }),
    })
    const browser = worker(container, download.url)
    await browser.next()
    browser.pull()
    await vi.advanceTimersByTimeAsync(2_600)
    expect(await browser.next()).toEqual(new Uint8Array(0))
    browser.pull()
    arrive(new Uint8Array([9]))
    expect(await browser.next()).toEqual(new Uint8Array([9]))
    browser.close()
  })

  it('breaks the body on a read failure (the browser then fails the download) and rejects', async () => {
    const saves = new SaveDownloads(SCOPE, notStarted)
    const container = new EventTarget()
    saves.listen(container)
    const download = saves.offer(source([new Uint8Array([1])], new Error('piece lost')))
    const failed = expect(download.finished).rejects.toThrow('piece lost')
    const browser = worker(container, download.url)
    await browser.next()
    browser.pull()
    await browser.next()
    browser.pull()
    const broken = await browser.next()
    expect(broken).not.toBeNull()
    expect(broken).not.toBeInstanceOf(Uint8Array)
    await failed
    browser.close()
  })

  it('stops reading when the browser cancels, which is not a failure', async () => {
    const saves = new SaveDownloads(SCOPE, notStarted)
    const container = new EventTarget()
    saves.listen(container)
    const file = source([new Uint8Array([1]), new Uint8Array([2])])
    const download = saves.offer(file)
    const browser = worker(container, download.url)
    await browser.next()
    browser.pull()
    await browser.next()
    browser.cancel()
    await expect(download.finished).resolves.toBe('cancelled')
    expect(file.cancelled).toBe(true)
    browser.close()
  })

  it('fails a save whose URL the browser never asked for', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const saves = new SaveDownloads(SCOPE, notStarted)
    const download = saves.offer(source([]))
    const settled = expect(download.finished).rejects.toThrow('not started')
    await vi.advanceTimersByTimeAsync(30_000)
    await settled
  })
})
