/**
 * Proof that a peer's TRON address is theirs, for this connection (docs/PROTOCOL.md, `hello`): the
 * wallet signs a grant to a session key once; the session key signs each connection's binding.
 * TronWeb's TIP-191 message signatures (`signMessageV2`) do the cryptography; it is loaded on first use.
 */
import { MAX_GRANT_MS, bindingText, grantText, type HelloMessage } from './codec'

export interface ConnectionContext {
  infoHash: string
  /** The peer id the remote sent in the BitTorrent handshake. */
  remotePeerId: string
  localPeerId: string
  /** The network this client tips on. */
  chainId: string
}

export type Verdict = { ok: true; address: string; session: string } | { ok: false; reason: string }

async function trx() {
  const { Trx } = await import('tronweb')
  return Trx
}

/** Signs a message with a session key held in the page (never a user's wallet key). */
export async function signWithSessionKey(message: string, privateKey: string): Promise<string> {
  return (await trx()).signMessageV2(message, privateKey)
}

/** The `bind` signature for one connection, made by the sending side's session key. */
export async function bindConnection(
  privateKey: string,
  session: string,
  context: Omit<ConnectionContext, 'chainId'>,
): Promise<string> {
  return signWithSessionKey(
    bindingText({
      infoHash: context.infoHash,
      fromPeer: context.localPeerId,
      toPeer: context.remotePeerId,
      session,
    }),
    privateKey,
  )
}

/** Checks a received `hello`. Never throws: a bad proof is a verdict, not an error. */
export async function verifyHello(
  hello: HelloMessage,
  context: ConnectionContext,
  now = Date.now(),
): Promise<Verdict> {
  if (hello.chain !== context.chainId) return { ok: false, reason: 'another network' }
  if (hello.expires <= now) return { ok: false, reason: 'grant expired' }
  if (hello.expires > now + MAX_GRANT_MS) return { ok: false, reason: 'grant too long' }
  try {
    const verifier = await trx()
    const granter = verifier.verifyMessageV2(grantText(hello), hello.grant)
    if (granter !== hello.address) return { ok: false, reason: 'grant not signed by the address' }
    const binder = verifier.verifyMessageV2(
      bindingText({
        infoHash: context.infoHash,
        // The binding was made by the remote: from its id, to ours.
        fromPeer: context.remotePeerId,
        toPeer: context.localPeerId,
        session: hello.session,
      }),
      hello.bind,
    )
    if (binder !== hello.session) return { ok: false, reason: 'binding not for this connection' }
    return { ok: true, address: hello.address, session: hello.session }
  } catch {
    return { ok: false, reason: 'unreadable signature' }
  }
}
