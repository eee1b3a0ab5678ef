/**
 * TronWeb, loaded on first use: the first page load does not pay for it (it is larger than the
 * rest of the app together). One client per full node URL, whose requests (full node and
 * `/walletsolidity`) all go through the page's one NodeTransport: one request budget, the API key,
 * backoff when the node limits, and `{"Error"}` bodies as errors.
 */
import type { TronWeb } from 'tronweb'
import { systemClock } from '../shared/poll'
import { NodeTransport } from './node-transport'

/** The page's one transport: every node request of the page shares its budget and its status. */
export const nodeTransport = new NodeTransport({
  fetch: (url, init) => fetch(url, init),
  clock: systemClock,
})

const clients = new Map<string, Promise<TronWeb>>()
/** Where `/walletsolidity` is served for a full node, when not on the same host (self-hosted java-tron: port 8091). */
const solidityHosts = new Map<string, string>()

/**
 * Says where a full node's solidity API is (the wallet's `solidityNode`, or the user's custom one).
 * A change drops the cached client, so the next request uses it.
 */
export function setSolidityNode(nodeUrl: string, solidityUrl: string | null): void {
  const key = trimmed(nodeUrl)
  const solidity = solidityUrl ? trimmed(solidityUrl) : null
  if ((solidityHosts.get(key) ?? null) === (solidity === key ? null : solidity)) return
  if (solidity && solidity !== key) solidityHosts.set(key, solidity)
  else solidityHosts.delete(key)
  clients.delete(key)
}

/** The solidity API's base URL for a full node: its own host unless told otherwise. */
export function solidityNodeOf(nodeUrl: string): string {
  const key = trimmed(nodeUrl)
  return solidityHosts.get(key) ?? key
}

export function nodeClient(nodeUrl: string): Promise<TronWeb> {
  const key = trimmed(nodeUrl)
  let client = clients.get(key)
  if (!client) {
    client = import('tronweb').then(({ TronWeb, providers }) => {
      /** TronWeb's provider, its requests made by the page's transport instead of its own axios. */
      class TransportProvider extends providers.HttpProvider {
        override request<T = unknown>(url: string, payload: object = {}, method = 'get'): Promise<T> {
          return nodeTransport.request(this.host, url, payload, method) as Promise<T>
        }
      }
      const fullNode = new TransportProvider(key)
      const solidityNode = new TransportProvider(solidityNodeOf(key))
      return new TronWeb({ fullNode, solidityNode, eventServer: fullNode })
    })
    client.catch(() => clients.delete(key))
    clients.set(key, client)
  }
  return client
}

function trimmed(url: string): string {
  return url.replace(/\/+$/, '')
}
