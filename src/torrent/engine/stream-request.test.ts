import { describe, expect, it } from 'vitest'
import { guardStreamRequests, streamRequestRefusal, type StreamReply } from './stream-request'

const HASH = 'ab'.repeat(20)
const request = (url: string, method = 'GET') => ({
  type: 'webtorrent',
  url: `http://127.0.0.1:5173/webtorrent/${HASH}/${url}`,
  method,
  headers: {},
  scope: 'http://127.0.0.1:5173/',
  destination: 'video',
})

describe('streamRequestRefusal', () => {
  it('lets through what WebTorrent can serve, and what is not a stream request', () => {
    expect(streamRequestRefusal(request('movie%20one.webm'))).toBeNull()
    expect(streamRequestRefusal(request('dir/%E2%82%AC.webm', 'HEAD'))).toBeNull()
    expect(streamRequestRefusal({ type: 'other', url: 'x' })).toBeNull()
    expect(streamRequestRefusal(null)).toBeNull()
    expect(streamRequestRefusal('webtorrent')).toBeNull()
  })

  // Found by fuzzing WebTorrent's server: each of these was an unhandled rejection in the page and a
  // request the service worker waited on forever.
  it.each(['%E0%A4%A', '%', 'a%zzb', '%ff', 'dir/%C3'])(
    'answers a malformed escape (%s) with 400',
    (path) => {
      expect(streamRequestRefusal(request(path))?.status).toBe(400)
    },
  )

  it('answers methods other than GET and HEAD with 405, OPTIONS included', () => {
    for (const method of ['OPTIONS', 'POST', 'PUT', 'DELETE']) {
      expect(streamRequestRefusal(request('movie.webm', method))?.status).toBe(405)
    }
  })
})

describe('guardStreamRequests', () => {
  const reply = (port: MessagePort) =>
    new Promise<StreamReply>((resolve) => {
      port.onmessage = (event: MessageEvent<StreamReply>) => {
        port.close()
        resolve(event.data)
      }
    })

  it('answers a bad request itself, before any later listener sees it', async () => {
    const container = new EventTarget()
    const dispose = guardStreamRequests(container)
    const seen: unknown[] = []
    container.addEventListener('message', (event) => seen.push((event as MessageEvent).data))
    const { port1, port2 } = new MessageChannel()
    container.dispatchEvent(new MessageEvent('message', { data: request('%E0%A4%A'), ports: [port2] }))
    expect(await reply(port1)).toMatchObject({ status: 400 })
    expect(seen).toEqual([])

    const good = new MessageChannel()
    container.dispatchEvent(new MessageEvent('message', { data: request('ok.webm'), ports: [good.port2] }))
    expect(seen).toHaveLength(1)
    good.port1.close()

    dispose()
    const after = new MessageChannel()
    container.dispatchEvent(new MessageEvent('message', { data: request('%'), ports: [after.port2] }))
    expect(seen).toHaveLength(2)
    after.port1.close()
  })
})
