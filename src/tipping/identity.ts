/**
 * This browser's tipping identity for a session: a session key generated here (kept in IndexedDB)
 * and the wallet's signed grant to it (docs/PROTOCOL.md). Creating it costs the user one signature;
 * after that every connection is proven with the session key, with no prompt.
 */
import { getIdentity, putIdentity } from '../db/identities-db'
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
  await putIdentity(identity)
  return identity
}

/** The stored identity if it is still valid for this wallet and network. */
export async function loadIdentity(
  wallet: { address: string; chainId: string },
  now = Date.now(),
): Promise<TippingIdentity | null> {
  const stored = await getIdentity(isTippingIdentity)
  if (!stored || stored.address !== wallet.address || stored.chainId !== wallet.chainId) return null
  const proof = stored.proof
  return 'grant' in proof && proof.expires > now + 60_000 ? stored : null
}

/** What a stored identity must look like to be used: IndexedDB content may be damaged or older. */
export function isTippingIdentity(value: unknown): value is TippingIdentity {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  const session = record.session as Record<string, unknown> | null | undefined
  const proof = record.proof as Record<string, unknown> | null | undefined
  return (
    typeof record.address === 'string' &&
    typeof record.chainId === 'string' &&
    typeof session?.address === 'string' &&
    typeof session.privateKey === 'string' &&
    typeof proof === 'object' &&
    proof !== null &&
    ((typeof proof.grant === 'string' && typeof proof.expires === 'number') ||
      typeof proof.funding === 'string')
  )
}
