/**
 * Checks, once when the wallet connects, that the page can use the node the way tipping needs:
 * reach it at all (a self-hosted java-tron sends no CORS headers, so a page cannot read its answers
 * even though TronLink, an extension, can), that it is on the network the wallet names by its whole
 * genesis block id (the wallet's chain id is 32 bits), and that `/walletsolidity` answers, where
 * every payment is confirmed (java-tron serves it on another port, 8091).
 */
import type { MessageKey } from '../i18n/catalog'
import { networkByChainId, networkByGenesis, type Network } from './networks'
import { isTransientNodeError } from './wallet-errors'

export type NodeProblem = 'no-cors' | 'unreachable' | 'no-solidity' | 'other-genesis'

export type NodeCheck =
  | { ok: true; network: Network }
  /** Not a network the app knows: the wallet's chain id says so already. */
  | { ok: false; problem: 'unknown-network' }
  | { ok: false; problem: NodeProblem; key: MessageKey; params: Record<string, string> }

export interface NodeCheckDeps {
  /** The page's node transport (`NodeTransport.request`). */
  request(host: string, endpoint: string, payload?: object, method?: string): Promise<unknown>
  /**
   * Whether anything answers at `url` when CORS is not asked for (`fetch` with `mode: 'no-cors'`):
   * an opaque answer means the server is up but withholds its answers from pages.
   */
  answersWithoutCors(url: string): Promise<boolean>
}

export async function checkNode(
  nodeUrl: string,
  solidityUrl: string,
  chainId: string,
  deps: NodeCheckDeps,
): Promise<NodeCheck> {
  const claimed = networkByChainId(chainId)
  if (!claimed) return { ok: false, problem: 'unknown-network' }
  let genesis: unknown
  try {
    genesis = await deps.request(nodeUrl, 'wallet/getblockbynum', { num: 0 }, 'post')
  } catch (error) {
    return refusal(await unreachable(error, endpointUrl(nodeUrl, 'wallet/getnowblock'), deps), {
      url: nodeUrl,
    })
  }
  const blockId = (genesis as { blockID?: unknown } | null)?.blockID
  if (typeof blockId !== 'string' || networkByGenesis(blockId) !== claimed) {
    return refusal('other-genesis', { url: nodeUrl, chain: chainId })
  }
  try {
    const block = await deps.request(solidityUrl, 'walletsolidity/getnowblock', {}, 'post')
    if (typeof (block as { blockID?: unknown } | null)?.blockID !== 'string') {
      return refusal('no-solidity', { url: nodeUrl, solidity: solidityUrl })
    }
  } catch (error) {
    const problem = await unreachable(error, endpointUrl(solidityUrl, 'walletsolidity/getnowblock'), deps)
    return refusal(problem === 'no-cors' ? 'no-cors' : 'no-solidity', {
      url: problem === 'no-cors' ? solidityUrl : nodeUrl,
      solidity: solidityUrl,
    })
  }
  return { ok: true, network: claimed }
}

/** A request that failed: the server withholding CORS headers, or really unreachable. */
async function unreachable(error: unknown, url: string, deps: NodeCheckDeps): Promise<NodeProblem> {
  // The node answered something (an HTTP error, an {"Error"} body): it is reachable but not usable.
  if (isTransientNodeError(error)) return 'unreachable'
  return (await deps.answersWithoutCors(url).catch(() => false)) ? 'no-cors' : 'unreachable'
}

function endpointUrl(host: string, endpoint: string): string {
  return `${host.replace(/\/+$/, '')}/${endpoint}`
}

const KEYS: Record<NodeProblem, MessageKey> = {
  'no-cors': 'node.noCors',
  unreachable: 'walletError.unreachableAt',
  'no-solidity': 'node.noSolidity',
  'other-genesis': 'node.otherGenesis',
}

function refusal(problem: NodeProblem, params: Record<string, string>): NodeCheck {
  return { ok: false, problem, key: KEYS[problem], params }
}
