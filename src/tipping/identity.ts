/**
 * This browser's tipping identity for a session: a session key generated here (kept in IndexedDB)
 * and the wallet's signed grant to it (docs/PROTOCOL.md). Creating it costs the user one signature;
 * after that every connection is proven with the session key, with no prompt.
 */
import { createStore, get, set } from 'idb-keyval'
import { grantText, type HelloProof } from './codec'

export interface TippingIdentity {
  /** The user's wallet address: where tips are paid. */
  address: string
  chainId: string
  session: { address: string; privateKey: string }
  /** A signed grant (receiving only), or the transfer that funded a tipping session's wallet. */
  proof: HelloProof
}

/** A grant lasts a day: long enough for a session, short enough that a stolen key soon stops mattering. */
export const GRANT_LIFETIME_MS = 24 * 60 * 60 * 1000

const store = createStore('tipping-torrent-session', 'identity')
const KEY = 'current'

export async function createIdentity(
  wallet: { address: string; chainId: string },
  signMessage: (message: string) => Promise<string>,
  now = Date.now(),
): Promise<TippingIdentity> {
  const { utils } = await import('tronweb')
  const account = utils.accounts.generateAccount()
  const session = { address: account.address.base58, privateKey: account.privateKey }
  const expires = now + GRANT_LIFETIME_MS
  const grant = await signMessage(
    grantText({ address: wallet.address, session: session.address, chain: wallet.chainId, expires }),
  )
  const identity: TippingIdentity = {
    address: wallet.address,
    chainId: wallet.chainId,
    session,
    proof: { expires, grant },
  }
  await set(KEY, identity, store)
  return identity
}

/** The stored identity if it is still valid for this wallet and network. */
export async function loadIdentity(
  wallet: { address: string; chainId: string },
  now = Date.now(),
): Promise<TippingIdentity | null> {
  const stored = (await get<TippingIdentity>(KEY, store)) ?? null
  if (!stored || stored.address !== wallet.address || stored.chainId !== wallet.chainId) return null
  const proof = stored.proof as HelloProof | undefined
  return proof && 'grant' in proof && proof.expires > now + 60_000 ? stored : null
}
