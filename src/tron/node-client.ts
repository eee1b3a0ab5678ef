/**
 * TronWeb, loaded on first use: the first page load does not pay for it (it is larger than the
 * rest of the app together). One client per node URL.
 */
import type { TronWeb } from 'tronweb'

const clients = new Map<string, Promise<TronWeb>>()

export function nodeClient(nodeUrl: string): Promise<TronWeb> {
  let client = clients.get(nodeUrl)
  if (!client) {
    client = import('tronweb').then(({ TronWeb }) => new TronWeb({ fullHost: nodeUrl }))
    client.catch(() => clients.delete(nodeUrl))
    clients.set(nodeUrl, client)
  }
  return client
}
