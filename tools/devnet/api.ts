/**
 * The java-tron HTTP endpoints the devnet answers: what TronWeb 6 and the TronLink adapter call for TRX
 * transfers and reads. wallet/* reads the head (with pending transactions, as a java-tron full node
 * does); walletsolidity/* reads the solidified block, a few blocks behind. Unknown things are `{}`,
 * as in java-tron.
 */
import { cpus, freemem, platform, totalmem } from 'node:os'
import { looksLikeBase58, parseAddress } from './address.ts'
import { bytesToHex, utf8Bytes } from './bytes.ts'
import { BroadcastRefusal } from './broadcast.ts'
import type { Block, Chain, View } from './chain.ts'
import { createTransaction } from './create-transaction.ts'
import { booleanParam, InputError, integerParam, stringParam, type Handler, type Params } from './http.ts'
import { CHAIN_PARAMETERS, CODE_VERSION } from './params.ts'
import {
  renderAccount,
  renderAccountNet,
  renderAccountResource,
  renderBlock,
  renderChainParameters,
  renderTransaction,
  renderTransactionInfo,
} from './render.ts'
import { signWeight } from './sign-weight.ts'

/** java-tron caps block range queries at 100 blocks. */
const MAX_BLOCK_RANGE = 100

export function devnetRoutes(chain: Chain, clock: () => number): Map<string, Handler> {
  const routes = new Map<string, Handler>()
  const wallet = (name: string, handler: (params: Params, view: View) => unknown) => {
    routes.set(`/wallet/${name}`, (params) => handler(params, 'head'))
  }
  const both = (name: string, handler: (params: Params, view: View) => unknown) => {
    wallet(name, handler)
    routes.set(`/walletsolidity/${name}`, (params) => handler(params, 'solid'))
  }
  const headOf = (view: View): Block => (view === 'head' ? chain.head() : chain.solidHead())

  both('getnowblock', (params, view) => renderBlock(headOf(view), visibleOf(params)))
  both('getblock', (params, view) => {
    const idOrNum = params['id_or_num']
    const which = idOrNum === undefined || idOrNum === '' ? headOf(view) : findBlock(chain, idOrNum, view)
    return which ? renderBlock(which, visibleOf(params), booleanParam(params, 'detail') ?? false) : {}
  })
  both('getblockbynum', (params, view) => {
    const block = chain.blockByNumber(numberParam(params, 'num'), view)
    return block ? renderBlock(block, visibleOf(params)) : {}
  })
  both('getblockbyid', (params, view) => {
    const block = findBlock(chain, hexParam(params, 'value'), view)
    return block ? renderBlock(block, visibleOf(params)) : {}
  })
  both('getblockbylimitnext', (params, view) => {
    const start = integerParam(params, 'startNum') ?? 0
    const end = integerParam(params, 'endNum') ?? 0
    if (start < 0 || end <= start || end - start > MAX_BLOCK_RANGE) return {}
    return blockList(chain, start, end, view, visibleOf(params))
  })
  both('getblockbylatestnum', (params, view) => {
    const count = integerParam(params, 'num') ?? 0
    if (count <= 0 || count > MAX_BLOCK_RANGE) return {}
    const top = headOf(view).header.number
    return blockList(chain, Math.max(0, top - count + 1), top + 1, view, visibleOf(params))
  })

  both('getaccount', (params, view) => {
    const account = chain.account(addressParam(params), view)
    return account ? renderAccount(account, visibleOf(params), headOf(view).header.timestamp) : {}
  })
  wallet('getaccountresource', (params) => {
    const account = chain.account(addressParam(params), 'head')
    return account ? renderAccountResource(account, chain.head().header.timestamp) : {}
  })
  wallet('getaccountnet', (params) => {
    const account = chain.account(addressParam(params), 'head')
    return account ? renderAccountNet(account, chain.head().header.timestamp) : {}
  })

  both('gettransactionbyid', (params, view) => {
    const found = chain.transaction(hexParam(params, 'value'), view)
    return found ? renderTransaction(found.tx, visibleOf(params)) : {}
  })
  both('gettransactioninfobyid', (params, view) => {
    // Like java-tron, a transaction has an info only once it is in a block.
    const found = chain.transaction(hexParam(params, 'value'), view)
    return found?.block ? renderTransactionInfo(found.tx, found.block) : {}
  })

  wallet('broadcasttransaction', (params) => broadcast(chain, params))
  wallet('createtransaction', (params) => createTransaction(chain, params, clock()))
  wallet('getsignweight', (params) => signWeight(chain, params))

  wallet('getchainparameters', () => renderChainParameters())
  wallet('getbandwidthprices', () => ({ prices: `0:${CHAIN_PARAMETERS.getTransactionFee}` }))
  wallet('getenergyprices', () => ({ prices: `0:${CHAIN_PARAMETERS.getEnergyFee}` }))
  wallet('getnodeinfo', () => nodeInfo(chain))
  return routes
}

/** java-tron's answer: `{result: true, txid}`, or a response code with a hex-encoded message. */
function broadcast(chain: Chain, params: Params): Record<string, unknown> {
  try {
    return { result: true, txid: chain.broadcast(params).id }
  } catch (error) {
    if (!(error instanceof BroadcastRefusal)) throw error
    return {
      code: error.code,
      ...(error.txid === undefined ? {} : { txid: error.txid }),
      message: bytesToHex(utf8Bytes(error.message)),
    }
  }
}

/**
 * java-tron prints addresses in base58 when asked with `visible: true`. A request that sends a base58
 * address without saying so is answered in base58 too (java-tron would not understand it at all).
 */
function visibleOf(params: Params): boolean {
  return booleanParam(params, 'visible') ?? looksLikeBase58(stringParam(params, 'address') ?? '')
}

function addressParam(params: Params): Uint8Array {
  const text = stringParam(params, 'address') ?? ''
  const address = parseAddress(text)
  if (!address) throw new InputError(`Invalid address: ${text}`)
  return address
}

/**
 * A hex parameter (an id). java-tron decodes it with ByteArray.fromHexString, which throws on what is
 * not hex: its servlet answers `{"Error": …}`. Absent is empty, which finds nothing (`{}`).
 */
function hexParam(params: Params, key: string): string {
  const value = params[key] ?? ''
  if (typeof value !== 'string' || !/^([0-9a-fA-F]{2})*$/.test(value)) {
    throw new InputError(`${key} is not hex: ${JSON.stringify(value)}`, HEX_DECODER_EXCEPTION)
  }
  return value
}

/** A block number; absent is 0 (proto3's default), anything but an integer is refused as java-tron does. */
function numberParam(params: Params, key: string): number {
  if (params[key] === undefined) return 0
  const value = integerParam(params, key)
  if (value === undefined) {
    throw new InputError(
      `${key} is not an integer: ${JSON.stringify(params[key])}`,
      'java.lang.NumberFormatException',
    )
  }
  return value
}

const HEX_DECODER_EXCEPTION = 'org.bouncycastle.util.encoders.DecoderException'

function findBlock(chain: Chain, idOrNumber: unknown, view: View): Block | undefined {
  if (typeof idOrNumber === 'number') return chain.blockByNumber(idOrNumber, view)
  if (typeof idOrNumber !== 'string') {
    throw new InputError(`not a block id or number: ${JSON.stringify(idOrNumber)}`, HEX_DECODER_EXCEPTION)
  }
  if (/^\d{1,15}$/.test(idOrNumber)) return chain.blockByNumber(Number(idOrNumber), view)
  if (!/^([0-9a-fA-F]{2})*$/.test(idOrNumber)) {
    throw new InputError(`not a block id or number: ${JSON.stringify(idOrNumber)}`, HEX_DECODER_EXCEPTION)
  }
  const block = chain.blockById(idOrNumber)
  return block && block.header.number <= (view === 'head' ? chain.head() : chain.solidHead()).header.number
    ? block
    : undefined
}

function blockList(
  chain: Chain,
  start: number,
  end: number,
  view: View,
  visible: boolean,
): Record<string, unknown> {
  const blocks: Record<string, unknown>[] = []
  for (let number = start; number < end; number++) {
    const block = chain.blockByNumber(number, view)
    if (block) blocks.push(renderBlock(block, visible))
  }
  return blocks.length > 0 ? { block: blocks } : {}
}

/** Enough of java-tron's getnodeinfo for TronWeb (it reads configNodeInfo.codeVersion) and for people. */
function nodeInfo(chain: Chain): Record<string, unknown> {
  const head = chain.head()
  const solid = chain.solidHead()
  return {
    beginSyncNum: head.header.number,
    block: `Num:${head.header.number},ID:${head.id}`,
    solidityBlock: `Num:${solid.header.number},ID:${solid.id}`,
    currentConnectCount: 0,
    activeConnectCount: 0,
    passiveConnectCount: 0,
    totalFlow: 0,
    peerInfoList: [],
    configNodeInfo: {
      codeVersion: CODE_VERSION,
      p2pVersion: 'devnet',
      discoverEnable: false,
      supportConstant: false,
      allowCreationOfContracts: 0,
      allowAdaptiveEnergy: 0,
    },
    machineInfo: {
      cpuCount: cpus().length,
      totalMemory: totalmem(),
      freeMemory: freemem(),
      javaVersion: `none (Node.js ${process.version}, development devnet, not java-tron)`,
      osName: platform(),
    },
    cheatWitnessInfoMap: {},
  }
}
