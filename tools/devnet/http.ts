/**
 * HTTP plumbing for a java-tron style JSON API: GET with query parameters or POST with a JSON body
 * (java-tron takes both), CORS on every answer so a page on any origin can use the node (TronGrid
 * does; a self-hosted java-tron does not, which `cors: false` reproduces), bounded bodies, JSON
 * errors, an optional gate in front (a rate limit) and an optional dropped answer (a fault). Routing
 * is by exact path.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { LimitRefusal } from './rate-limit.ts'

export type Params = Readonly<Record<string, unknown>>
export type Handler = (params: Params) => unknown

/**
 * Requests larger than this are refused (413) without being kept in memory. It leaves room for
 * java-tron's largest transaction (500 KiB, which arrives hex-encoded twice: raw_data and raw_data_hex)
 * and equals java-tron's default gRPC message limit.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024

/**
 * Bad input the handler reports the way java-tron's servlets do (Util.processError, printErrorMsg):
 * HTTP 200 and `{"Error": "<exception class> : <message>"}`. `detail` keeps the message alone.
 */
export class InputError extends Error {
  constructor(
    readonly detail: string,
    javaClass = 'java.lang.IllegalArgumentException',
  ) {
    super(`class ${javaClass} : ${detail}`)
  }
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, TRON-PRO-API-KEY, Authorization',
  'Access-Control-Max-Age': '600',
}

export interface JsonServerOptions {
  /** Default true. Without, no Access-Control-* header at all, as java-tron's own HTTP services. */
  readonly cors?: boolean
  /** Called before routing (preflights excepted) with the request's TRON-PRO-API-KEY header. */
  readonly gate?: (apiKey: string | undefined) => LimitRefusal | undefined
  /** After the handler ran: true cuts the connection instead of answering (the work is done). */
  readonly dropAnswer?: (path: string) => boolean
}

export function createJsonServer(
  routes: ReadonlyMap<string, Handler>,
  options: JsonServerOptions = {},
): Server {
  return createServer((request, response) => {
    handle(routes, options, request, response).catch((error: unknown) => {
      send(response, 500, { Error: error instanceof Error ? error.message : String(error) })
    })
  })
}

async function handle(
  routes: ReadonlyMap<string, Handler>,
  options: JsonServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const cors = options.cors ?? true
  if (cors) for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value)
  if (request.method === 'OPTIONS' && !cors) {
    // Jetty's default for a servlet without doOptions: 200 and Allow, nothing a browser's
    // preflight accepts, so a page on another origin cannot call the node at all.
    request.resume()
    response.writeHead(200, { Allow: 'GET, POST, OPTIONS' }).end()
    return
  }
  if (request.method === 'OPTIONS') {
    // Chromium asks before a public page may reach a loopback address (Private Network Access).
    if (request.headers['access-control-request-private-network'] === 'true') {
      response.setHeader('Access-Control-Allow-Private-Network', 'true')
    }
    request.resume()
    response.writeHead(204).end()
    return
  }
  const apiKey = request.headers['tron-pro-api-key']
  const refusal = options.gate?.(typeof apiKey === 'string' ? apiKey : undefined)
  if (refusal) {
    request.resume()
    response.writeHead(refusal.status, { 'Content-Type': refusal.contentType }).end(refusal.body)
    return
  }
  const url = requestUrl(request.url)
  const body = await readBody(request)
  if (request.method !== 'GET' && request.method !== 'POST') {
    send(response, 405, { Error: `method ${request.method ?? ''} not allowed` })
    return
  }
  if (body === undefined) {
    send(response, 413, { Error: `request body larger than ${MAX_BODY_BYTES} bytes` })
    return
  }
  if (url === undefined) {
    send(response, 400, { Error: `not a request target: ${request.url ?? ''}` })
    return
  }
  const handler = routes.get(url.pathname.replace(/\/+$/, ''))
  if (!handler) {
    send(response, 404, { Error: `no such endpoint: ${url.pathname}` })
    return
  }
  let answer: unknown
  try {
    answer = handler({ ...Object.fromEntries(url.searchParams), ...parseBody(body) })
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    answer = { Error: error.message }
  }
  if (options.dropAnswer?.(url.pathname.replace(/\/+$/, ''))) {
    // The request was carried out; its answer is lost on the way (a reset connection).
    request.socket.destroy()
    return
  }
  send(response, 200, answer)
}

/**
 * The request target as a URL. A path is read as a path: resolved against a base, "//x/y" would name
 * the host "x", and "//" alone does not parse at all. Undefined when it is not a target.
 */
function requestUrl(target: string | undefined): URL | undefined {
  try {
    return target === undefined || target.startsWith('/')
      ? new URL(`http://devnet${target ?? '/'}`)
      : new URL(target, 'http://devnet')
  } catch {
    return undefined
  }
}

/** The body as text, or undefined when it is over the limit (the rest is read and dropped). */
async function readBody(request: IncomingMessage): Promise<string | undefined> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    request.resume()
    await new Promise((resolve) => request.once('end', resolve).once('error', resolve))
    return undefined
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size <= MAX_BODY_BYTES) chunks.push(chunk)
  }
  return size <= MAX_BODY_BYTES ? Buffer.concat(chunks).toString('utf8') : undefined
}

function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new InputError(
      `the body is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      'com.alibaba.fastjson.JSONException',
    )
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError('the body must be a JSON object', 'com.alibaba.fastjson.JSONException')
  }
  return parsed as Record<string, unknown>
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
  response.end(JSON.stringify(body))
}

export function stringParam(params: Params, key: string): string | undefined {
  const value = params[key]
  return typeof value === 'string' ? value : undefined
}

/** java-tron reads `visible`, `detail`… as JSON booleans or as "true" in a query string. */
export function booleanParam(params: Params, key: string): boolean | undefined {
  const value = params[key]
  if (value === true || value === 'true') return true
  if (value === false || value === 'false') return false
  return undefined
}

export function integerParam(params: Params, key: string): number | undefined {
  const value = params[key]
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    const number = Number(value)
    return Number.isSafeInteger(number) ? number : undefined
  }
  return undefined
}
