/**
 * The TRON devnet (tools/devnet): every endpoint, in process and over HTTP. In process, each case
 * calls one route's handler with JSON parameters: signed transfers edited at the JSON level, in their
 * protobuf bytes (raw_data_hex: bit flips, inflated lengths, ten-byte varints) and in their
 * signatures, and arbitrary values for every parameter the routes read. A handler must answer with a
 * JSON object or refuse with InputError (the HTTP layer turns anything else into a 500); an accepted
 * transfer must leave integer balances. Over HTTP, each case is a request with any method, path,
 * query and body, or raw bytes on a socket: every request gets a JSON answer and no 500, and the
 * server keeps answering.
 */
import { Agent, request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { loadAccounts, type FundedAccount } from '../../../tools/devnet/accounts.ts'
import { devnetRoutes } from '../../../tools/devnet/api.ts'
import { bytesToHex, hexToBytes } from '../../../tools/devnet/bytes.ts'
import { Chain } from '../../../tools/devnet/chain.ts'
import { createTransaction } from '../../../tools/devnet/create-transaction.ts'
import { InputError, MAX_BODY_BYTES, type Handler } from '../../../tools/devnet/http.ts'
import { startDevnet, type RunningDevnet } from '../../../tools/devnet/server.ts'
import { signDigest } from '../../../tools/devnet/signature.ts'
import type { FuzzTarget } from '../harness'
import { INTERESTING_NUMBERS, jsonTree, mutate, mutateText, type JsonParts } from '../mutate'
import { wellFormed, type Rng } from '../rng'

type Json = Record<string, unknown>

const ACCOUNTS = loadAccounts().filter((account) => account.balanceSun > 1_000_000_000)
const PARAMETER_NAMES = [
  'address',
  'value',
  'num',
  'id_or_num',
  'startNum',
  'endNum',
  'visible',
  'detail',
  'owner_address',
  'to_address',
  'amount',
  'extra_data',
  'raw_data',
  'raw_data_hex',
  'signature',
  'txID',
]
const JSON_TOKENS = ['{', '}', '[', ']', '"', ':', ',', 'null', 'true', '-1', '1e999', '"visible":true']

/** A chain is replaced after this many cases, so balances and history stay small. */
const CASES_PER_CHAIN = 2_000

interface ApiContext {
  chain: Chain
  routes: Map<string, Handler>
  cases: number
}

/**
 * The devnet's time in process: it moves on by a fixed step per case, so that a run (transaction
 * bytes, ids, expirations) depends on the seed alone, not on the wall clock.
 */
const CLOCK_START_MS = 1_800_000_000_000
const CLOCK_STEP_MS = 40
let clockMs = CLOCK_START_MS
const clock = () => clockMs

function freshChain(): Pick<ApiContext, 'chain' | 'routes'> {
  const chain = new Chain({ accounts: loadAccounts(), solidityLagBlocks: 3, clock })
  chain.produceBlock()
  return { chain, routes: devnetRoutes(chain, clock) }
}

/** A transfer as a wallet would broadcast it: built by the node, signed by the owner's key. */
function signedTransfer(rng: Rng, chain: Chain): Json {
  const from: FundedAccount = rng.pick(ACCOUNTS)
  const to = rng.chance(0.8) ? rng.pick(ACCOUNTS) : { address: `41${bytesToHex(rng.bytes(20))}` }
  const visible = rng.chance(0.5)
  const tx = createTransaction(
    chain,
    {
      owner_address: from.address,
      to_address:
        to.address === from.address ? rng.pick(ACCOUNTS.filter((a) => a !== from)).address : to.address,
      amount: rng.between(1, 1_000),
      visible,
      ...(rng.chance(0.1) ? { extra_data: bytesToHex(rng.bytes(rng.size(40))) } : {}),
    },
    clock(),
  )
  return { ...tx, signature: [signDigest(hexToBytes(String(tx['txID'])), from.privateKey)] }
}

/** Any JSON value, the awkward ones favoured: numbers at the edges, addresses, hex of any length. */
const DEVNET_JSON: JsonParts = {
  leaf(rng) {
    switch (rng.below(6)) {
      case 0:
        return Number(rng.pick(INTERESTING_NUMBERS))
      case 1:
        return rng.pick(INTERESTING_NUMBERS)
      case 2:
        return rng.anyString(rng.size(60))
      case 3:
        return bytesToHex(rng.bytes(rng.pick([20, 21, 32, rng.size(80)])))
      case 4:
        return rng.pick(ACCOUNTS).address
      default:
        return `41${bytesToHex(rng.bytes(20))}`
    }
  },
  key: (rng) => rng.pick(PARAMETER_NAMES),
}

function jsonValue(rng: Rng): unknown {
  return jsonTree(rng, DEVNET_JSON)
}

/** Sets, deletes or replaces a value somewhere inside a JSON tree (which it changes in place). */
function editJson(rng: Rng, root: Json): void {
  let node: unknown = root
  for (let step = 0; step < 6; step++) {
    if (typeof node !== 'object' || node === null) return
    const record = node as Record<string, unknown>
    const keys = Object.keys(record)
    if (keys.length === 0 || rng.chance(0.3)) {
      const key = keys.length > 0 && rng.chance(0.7) ? rng.pick(keys) : rng.pick(PARAMETER_NAMES)
      if (rng.chance(0.2)) Reflect.deleteProperty(record, key)
      else record[key] = jsonValue(rng)
      return
    }
    node = record[rng.pick(keys)]
  }
}

function transferInput(rng: Rng, chain: Chain): Json {
  const tx = signedTransfer(rng, chain)
  switch (rng.below(6)) {
    case 0:
      return tx
    case 1:
    case 2: {
      const raw = hexToBytes(String(tx['raw_data_hex']))
      return { ...tx, raw_data_hex: bytesToHex(mutate(rng, raw, { corpus: [raw] })) }
    }
    case 3: {
      const edits = rng.between(1, 3)
      for (let edit = 0; edit < edits; edit++) editJson(rng, tx)
      return tx
    }
    case 4: {
      const signature = String((tx['signature'] as string[])[0])
      const edited = rng.chance(0.5)
        ? bytesToHex(mutate(rng, hexToBytes(signature)))
        : mutateText(rng, signature, { tokens: ['0', 'f', 'g', '00'] })
      return { ...tx, signature: rng.chance(0.8) ? [edited] : [edited, signature, edited] }
    }
    default: {
      const text = mutateText(rng, JSON.stringify(tx), { tokens: JSON_TOKENS })
      try {
        const value: unknown = JSON.parse(text)
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {}
      } catch {
        return {}
      }
    }
  }
}

function routeParams(rng: Rng, chain: Chain, route: string): Json {
  if (route.endsWith('/broadcasttransaction') || (route.endsWith('/getsignweight') && rng.chance(0.7))) {
    return transferInput(rng, chain)
  }
  const params: Json = {}
  for (let count = rng.size(5); count > 0; count--) params[rng.pick(PARAMETER_NAMES)] = jsonValue(rng)
  if (route.endsWith('/createtransaction') && rng.chance(0.5)) {
    Object.assign(params, {
      owner_address: rng.pick(ACCOUNTS).address,
      to_address: rng.pick(ACCOUNTS).address,
      amount: jsonValue(rng),
    })
  }
  return params
}

function checkBalances(chain: Chain, answer: unknown): void {
  const txid = (answer as Json)['txid']
  if (typeof txid !== 'string') throw new Error('accepted without a txid')
  const found = chain.transaction(txid, 'head')
  if (!found) throw new Error(`accepted ${txid} is not on the chain`)
  for (const account of found.tx.execution.updates) {
    if (!Number.isSafeInteger(account.balance) || account.balance < 0) {
      throw new Error(`a balance of ${account.balance} after ${txid}`)
    }
  }
}

export const devnetApi: FuzzTarget<ApiContext> = {
  name: 'devnet-api',
  setup: () => {
    clockMs = CLOCK_START_MS
    return { ...freshChain(), cases: 0 }
  },
  run({ rng, input }, context) {
    context.cases++
    clockMs += CLOCK_STEP_MS
    if (context.cases % CASES_PER_CHAIN === 0) Object.assign(context, freshChain())
    if (context.cases % 100 === 0) context.chain.produceBlock()
    const routes = [...context.routes.keys()]
    const route = rng.chance(0.4) ? '/wallet/broadcasttransaction' : rng.pick(routes)
    // Parameters arrive as JSON: nothing that JSON cannot carry.
    const params = JSON.parse(JSON.stringify(routeParams(rng, context.chain, route))) as Json
    input(route, params)
    let answer: unknown
    try {
      answer = context.routes.get(route)!(params)
    } catch (error) {
      if (error instanceof InputError) return 'input-error'
      throw error
    }
    if (typeof answer !== 'object' || answer === null) throw new Error(`answered ${String(answer)}`)
    JSON.stringify(answer)
    if (route === '/wallet/broadcasttransaction') {
      if ((answer as Json)['result'] === true) {
        checkBalances(context.chain, answer)
        return 'broadcast-accepted'
      }
      if (typeof (answer as Json)['code'] !== 'string') throw new Error('a refusal without a code')
      return 'broadcast-refused'
    }
    return 'answered'
  },
}

interface HttpContext {
  devnet: RunningDevnet
  agent: Agent
  port: number
  chain: Chain
}

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(context: HttpContext, method: string, path: string, body: Uint8Array | null): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: context.port,
        method,
        path,
        agent: context.agent,
        timeout: 5_000,
        // Node's client frames a GET, DELETE or OPTIONS body only when told its length.
        headers: body ? { 'content-length': body.length } : {},
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        response.on('error', reject)
      },
    )
    request.on('timeout', () => request.destroy(new Error(`${method} ${path}: no answer in 5 s`)))
    request.on('error', reject)
    request.end(body ?? undefined)
  })
}

/** Raw bytes on a fresh socket: whatever the server makes of them, it must stay up. */
function sendRaw(port: number, bytes: Uint8Array): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.setTimeout(2_000, () => socket.destroy())
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', () => undefined)
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')))
    socket.end(bytes)
  })
}

function requestPath(rng: Rng, routes: readonly string[]): string {
  const base = rng.chance(0.8) ? rng.pick(routes) : rng.pick(['/', '/wallet/', '/x', '/wallet/getaccount/'])
  const query = rng.chance(0.3)
    ? `?${Array.from({ length: rng.size(4) }, () => `${rng.pick(PARAMETER_NAMES)}=${encodeURIComponent(wellFormed(String(jsonValue(rng))))}`).join('&')}`
    : ''
  const path = `${base}${query}`
  // A client can only send printable bytes in a request line.
  return (rng.chance(0.3) ? mutateText(rng, path, { tokens: ['%', '%zz', '?', '#', '//', '&', '='] }) : path)
    .replace(/[^\u0021-\u007e]/g, '')
    .replace(/^(?!\/)/, '/')
}

/** A transfer built by the devnet under test (so its reference block is one the devnet knows), signed. */
async function remoteTransfer(rng: Rng, context: HttpContext): Promise<Json> {
  const from = rng.pick(ACCOUNTS)
  const to = rng.pick(ACCOUNTS.filter((account) => account !== from))
  const params = {
    owner_address: from.address,
    to_address: to.address,
    amount: rng.between(1, 1_000),
    visible: true,
  }
  const answer = await send(
    context,
    'POST',
    '/wallet/createtransaction',
    new TextEncoder().encode(JSON.stringify(params)),
  )
  const tx = JSON.parse(answer.body) as Json
  return { ...tx, signature: [signDigest(hexToBytes(String(tx['txID'])), from.privateKey)] }
}

async function requestBody(rng: Rng, context: HttpContext): Promise<Uint8Array | null> {
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))
  switch (rng.below(6)) {
    case 0:
      return null
    case 1:
      return rng.bytes(rng.size(300))
    case 2:
      return encode(jsonValue(rng))
    case 3:
      return mutate(rng, encode(await remoteTransfer(rng, context)), {
        tokens: JSON_TOKENS,
        nesting: ['[', '{"a":'],
      })
    default:
      return encode(rng.chance(0.2) ? await remoteTransfer(rng, context) : transferInput(rng, context.chain))
  }
}

function checkAnswer(method: string, answer: Answer): string {
  if (answer.headers['access-control-allow-origin'] !== '*') throw new Error('an answer without CORS')
  if (method === 'OPTIONS') {
    if (answer.status !== 204) throw new Error(`OPTIONS answered ${answer.status}`)
    return 'status-204'
  }
  if (![200, 404, 405, 413].includes(answer.status))
    throw new Error(`status ${answer.status}: ${answer.body}`)
  if (method === 'HEAD') return `status-${answer.status}`
  const parsed: unknown = JSON.parse(answer.body)
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`not a JSON object: ${answer.body}`)
  return `status-${answer.status}`
}

export const devnetHttp: FuzzTarget<HttpContext> = {
  name: 'devnet-http',
  async: true,
  async setup() {
    const devnet = await startDevnet({ port: 0, blockIntervalMs: 300 })
    // Requests are built against a chain of the same genesis, so that transfers are well-formed.
    const { chain } = freshChain()
    return { devnet, agent: new Agent({ keepAlive: true }), port: Number(new URL(devnet.url).port), chain }
  },
  async teardown(context) {
    context.agent.destroy()
    await context.devnet.close()
  },
  async run({ rng, input }, context) {
    const routes = [
      '/wallet/broadcasttransaction',
      '/wallet/getaccount',
      '/wallet/createtransaction',
      '/wallet/getsignweight',
      '/walletsolidity/getblock',
      '/wallet/getblockbylimitnext',
      '/wallet/gettransactionbyid',
      '/wallet/getnodeinfo',
    ]
    if (rng.chance(0.05)) {
      const garbage = rng.chance(0.5)
        ? rng.bytes(rng.size(200))
        : new TextEncoder().encode(
            mutateText(rng, `POST /wallet/getaccount HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}`, {
              tokens: [
                '\r\n',
                ' ',
                ':',
                'Content-Length: 99999999999\r\n',
                'Transfer-Encoding: chunked\r\n',
                'http://[',
              ],
            }),
          )
      input('raw', garbage)
      const reply = await sendRaw(context.port, garbage)
      if (reply.startsWith('HTTP/1.1 500')) throw new Error(`500 for raw bytes: ${reply}`)
      // Still up: a plain request is answered.
      checkAnswer('GET', await send(context, 'GET', '/wallet/getnowblock', null))
      return 'raw'
    }
    const method = rng.pick(['POST', 'POST', 'GET', 'GET', 'OPTIONS', 'PUT', 'DELETE', 'HEAD'])
    const path = requestPath(rng, routes)
    const oversize = rng.chance(0.002)
    const body = oversize
      ? new Uint8Array(MAX_BODY_BYTES + 1).fill(0x20)
      : method === 'GET' && rng.chance(0.7)
        ? null
        : await requestBody(rng, context)
    input('request', `${method} ${path}`)
    input('body', body)
    const answer = await send(context, method, path, body)
    // Over the limit: refused, unless the method already was (the body is read, then the method checked).
    if (oversize && (method === 'GET' || method === 'POST') && answer.status !== 413) {
      throw new Error(`oversize answered ${answer.status}`)
    }
    const outcome = checkAnswer(method, answer)
    const accepted =
      answer.status === 200 && method !== 'HEAD' && (JSON.parse(answer.body) as Json)['result'] === true
    return accepted ? 'broadcast-accepted' : outcome
  },
}
