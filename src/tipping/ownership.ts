/**
 * Proof that a peer's TRON address is theirs, for this connection (docs/PROTOCOL.md, `hello`): the
 * wallet signs a grant to a session key once; the session key signs each connection's binding.
 * TronWeb's TIP-191 message signatures (`signMessageV2`) do the cryptography; it is loaded on first use.
 */
import type { ChannelFingerprints } from '../torrent/engine/engine'
import { MAX_GRANT_MS, bindingText, grantText, type HelloMessage } from './codec'

export interface ConnectionContext {
  infoHash: string
  /** The peer id the remote sent in the BitTorrent handshake. */
  remotePeerId: string
  localPeerId: string
  /** The network this client tips on. */
  chainId: string
  /** This connection's DTLS fingerprints as this side sees them; null when it cannot read them. */
  channel: ChannelFingerprints | null
  /**
   * This client's own addresses (its wallet, its session wallet): a peer proving one of them would
   * make this client pay itself, burning fees, or stall its payments, so such proofs are refused.
   */
  ownAddresses?: readonly string[]
}

/**
 * `channelBound`: the binding named this connection's DTLS fingerprints (a version 2 `hello`), so it
 * was made by the other end of this very connection and not relayed. Only such a proof earns upload
 * priority; an unbound one (version 1) still says where to pay.
 */
export type Verdict =
  { ok: true; address: string; session: string; channelBound: boolean } | { ok: false; reason: string }

async function trx() {
  const { Trx } = await import('tronweb')
  return Trx
}

/** Signs a message with a session key held in the page (never a user's wallet key). */
export async function signWithSessionKey(message: string, privateKey: string): Promise<string> {
  return (await trx()).signMessageV2(message, privateKey)
}

/**
 * The `bind` signature for one connection, made by the sending side's session key: over the version 2
 * text (with the fingerprints, ours first) when `context.channel` is given, else the version 1 text.
 */
export async function bindConnection(
  privateKey: string,
  session: string,
  context: Omit<ConnectionContext, 'chainId'>,
): Promise<string> {
  const { channel } = context
  return signWithSessionKey(
    bindingText({
      infoHash: context.infoHash,
      fromPeer: context.localPeerId,
      toPeer: context.remotePeerId,
      session,
      ...(channel ? { channel: { from: channel.local, to: channel.remote } } : {}),
    }),
    privateKey,
  )
}

/**
 * Looks a funding proof up on the receiver's own node: a confirmed, successful TRX transfer `tx`
 * from `from` (the address) to `to` (the session key). Resolves false when it is not one.
 */
export type FundingCheck = (funding: { tx: string; from: string; to: string }) => Promise<boolean>

const noFundingCheck: FundingCheck = () => Promise.resolve(false)

/** Checks a received `hello`. Never throws: a bad proof is a verdict, not an error. */
export async function verifyHello(
  hello: HelloMessage,
  context: ConnectionContext,
  now = Date.now(),
  fundingConfirmed: FundingCheck = noFundingCheck,
): Promise<Verdict> {
  if (hello.chain !== context.chainId) return { ok: false, reason: 'another network' }
  const { channel } = context
  // A version 2 binding names fingerprints; without our own to compare, it cannot be checked.
  if (hello.v === 2 && !channel) return { ok: false, reason: 'no channel to bind to' }
  const own = context.ownAddresses ?? []
  if (own.includes(hello.address) || own.includes(hello.session)) return { ok: false, reason: 'own address' }
  if ('grant' in hello) {
    if (hello.expires <= now) return { ok: false, reason: 'grant expired' }
    if (hello.expires > now + MAX_GRANT_MS) return { ok: false, reason: 'grant too long' }
  }
  try {
    const verifier = await trx()
    if ('grant' in hello && verifier.verifyMessageV2(grantText(hello), hello.grant) !== hello.address) {
      return { ok: false, reason: 'grant not signed by the address' }
    }
    const binder = verifier.verifyMessageV2(
      bindingText({
        infoHash: context.infoHash,
        // The binding was made by the remote: from its id, to ours.
        fromPeer: context.remotePeerId,
        toPeer: context.localPeerId,
        session: hello.session,
        // The sender's own certificate is our remote one.
        ...(hello.v === 2 && channel ? { channel: { from: channel.remote, to: channel.local } } : {}),
      }),
      hello.bind,
    )
    if (binder !== hello.session) return { ok: false, reason: 'binding not for this connection' }
    // Checked last: it costs a query to the node, and only a correctly bound hello is worth one.
    if (
      'funding' in hello &&
      !(await fundingConfirmed({ tx: hello.funding, from: hello.address, to: hello.session }))
    ) {
      return { ok: false, reason: 'funding transfer not found' }
    }
    return { ok: true, address: hello.address, session: hello.session, channelBound: hello.v === 2 }
  } catch {
    return { ok: false, reason: 'unreadable signature' }
  }
}
