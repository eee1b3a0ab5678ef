/**
 * A loopback HTTP server for the benchmark's plain pages (the raw data channel and stock WebTorrent).
 * Pages must come from loopback: Chromium treats a page Playwright fulfils itself as public, and then
 * refuses its connections to the loopback tracker.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface PlainSite {
  url: string
  close(): Promise<void>
}

/** Serves `html` at `/` and each of `files` (path → body) with its content type. */
export async function servePlainSite(
  html: string,
  files: Record<string, { body: Uint8Array | string; type: string }> = {},
): Promise<PlainSite> {
  const server = createServer((request, response) => {
    const file = files[request.url ?? '/']
    response.writeHead(200, { 'content-type': file?.type ?? 'text/html' })
    response.end(file?.body ?? html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
