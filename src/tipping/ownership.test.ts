// Real TronWeb signatures (secp256k1, TIP-191), no mocks: the same code runs in the page.
import { TronWeb } from 'tronweb'
import { describe, expect, it } from 'vitest'
import { grantText, type HelloMessage } from './codec'
import { bindConnection, signWithSessionKey, verifyHello, type ConnectionContext } from './ownership'

const NOW = 1_790_000_000_000
const wallet = {
  privateKey: '11'.repeat(32),
  address: TronWeb.address.fromPrivateKey('11'.repeat(32)) as string,
}
const sessionKey = {
  privateKey: '22'.repeat(32),
  address: TronWeb.address.fromPrivateKey('22'.repeat(32)) as string,
}
const stranger = {
  privateKey: '33'.repeat(32),
  address: TronWeb.address.fromPrivateKey('33'.repeat(32)) as string,
}

const A = 'aa'.repeat(20) // the sender's peer id
const B = 'bb'.repeat(20) // the receiver's peer id
const C = 'cc'.repeat(20) // someone else's
const INFO_HASH = '0f'.repeat(20)
const CHAIN = '0xde7e7e70'

async function helloFrom(
  signer = wallet,
  session = sessionKey,
  toPeer = B,
  expires = NOW + 3_600_000,
): Promise<HelloMessage> {
  const grant = { address: wallet.address, session: session.address, chain: CHAIN, expires }
  return {
    t: 'hello',
    v: 1,
    ...grant,
    grant: await signWithSessionKey(grantText(grant), signer.privateKey),
    bind: await bindConnection(session.privateKey, session.address, {
      infoHash: INFO_HASH,
      localPeerId: A,
      remotePeerId: toPeer,
      channel: null,
    }),
  }
}

// What the receiver B knows about the connection with A.
const atB: ConnectionContext = {
  infoHash: INFO_HASH,
  remotePeerId: A,
  localPeerId: B,
  chainId: CHAIN,
  channel: null,
}

describe('ownership proofs', () => {
  it("refuses a proof of this client's own address or session key: paying it would pay ourselves (issue 16, M8)", async () => {
    const hello = await helloFrom()
    expect(await verifyHello(hello, { ...atB, ownAddresses: [wallet.address] }, NOW)).toMatchObject({
      ok: false,
      reason: 'own address',
    })
    expect(await verifyHello(hello, { ...atB, ownAddresses: [sessionKey.address] }, NOW)).toMatchObject({
      ok: false,
      reason: 'own address',
    })
    expect(await verifyHello(hello, { ...atB, ownAddresses: [stranger.address] }, NOW)).toMatchObject({
      ok: true,
    })
  })

  it('accepts a proof made for this connection', async () => {
    expect(await verifyHello(await helloFrom(), atB, NOW)).toEqual({
      ok: true,
      address: wallet.address,
      session: sessionKey.address,
      channelBound: false,
    })
  })

  it('refuses a grant not signed by the claimed address (forged)', async () => {
    expect(await verifyHello(await helloFrom(stranger), atB, NOW)).toMatchObject({ ok: false })
  })

  it('refuses a proof replayed from another connection', async () => {
    const madeForC = await helloFrom(wallet, sessionKey, C)
    expect(await verifyHello(madeForC, atB, NOW)).toMatchObject({
      ok: false,
      reason: 'binding not for this connection',
    })
    expect(await verifyHello(await helloFrom(), { ...atB, infoHash: '1e'.repeat(20) }, NOW)).toMatchObject({
      ok: false,
    })
  })

  it('refuses a binding by a key other than the granted session key', async () => {
    const hello = await helloFrom()
    const otherBind = await bindConnection(stranger.privateKey, sessionKey.address, {
      infoHash: INFO_HASH,
      localPeerId: A,
      remotePeerId: B,
      channel: null,
    })
    expect(await verifyHello({ ...hello, bind: otherBind }, atB, NOW)).toMatchObject({ ok: false })
  })

  it('refuses expired, overlong, other-network and garbage proofs', async () => {
    expect(await verifyHello(await helloFrom(wallet, sessionKey, B, NOW - 1), atB, NOW)).toMatchObject({
      reason: 'grant expired',
    })
    expect(
      await verifyHello(await helloFrom(wallet, sessionKey, B, NOW + 8 * 86_400_000), atB, NOW),
    ).toMatchObject({
      reason: 'grant too long',
    })
    expect(await verifyHello(await helloFrom(), { ...atB, chainId: '0x2b6653dc' }, NOW)).toMatchObject({
      reason: 'another network',
    })
    const hello = await helloFrom()
    expect(await verifyHello({ ...hello, grant: `0x${'00'.repeat(65)}` }, atB, NOW)).toMatchObject({
      ok: false,
    })
  })

  describe('funding proofs (a tipping peer: the funding transfer vouches for the session key)', () => {
    const FUNDING_TX = 'f0'.repeat(32)
    async function fundedHello(session = sessionKey, toPeer = B): Promise<HelloMessage> {
      return {
        t: 'hello',
        v: 1,
        chain: CHAIN,
        address: wallet.address,
        session: session.address,
        funding: FUNDING_TX,
        bind: await bindConnection(session.privateKey, session.address, {
          infoHash: INFO_HASH,
          localPeerId: A,
          remotePeerId: toPeer,
          channel: null,
        }),
      }
    }
    // The chain as the receiver's node would answer: one transfer, wallet -> session key.
    const chainKnows = (funding: { tx: string; from: string; to: string }) =>
      Promise.resolve(
        funding.tx === FUNDING_TX && funding.from === wallet.address && funding.to === sessionKey.address,
      )

    it('accepts a binding by the session key that the address funded', async () => {
      expect(await verifyHello(await fundedHello(), atB, NOW, chainKnows)).toEqual({
        ok: true,
        address: wallet.address,
        session: sessionKey.address,
        channelBound: false,
      })
    })

    it('refuses when the chain has no such transfer, or no check is possible', async () => {
      expect(await verifyHello(await fundedHello(stranger), atB, NOW, chainKnows)).toMatchObject({
        reason: 'funding transfer not found',
      })
      expect(await verifyHello(await fundedHello(), atB, NOW)).toMatchObject({ ok: false })
    })

    it('refuses a funded binding replayed on another connection without asking the chain', async () => {
      let asked = 0
      const counting = (funding: { tx: string; from: string; to: string }) => {
        asked++
        return chainKnows(funding)
      }
      expect(await verifyHello(await fundedHello(sessionKey, C), atB, NOW, counting)).toMatchObject({
        reason: 'binding not for this connection',
      })
      expect(asked).toBe(0)
    })
  })

  describe('channel binding (version 2): a hello cannot be relayed (issue 16, M3)', () => {
    // DTLS certificate fingerprints, as each browser reads them from its own RTCPeerConnection.
    const fingerprint = (byte: string) => `sha-256 ${Array.from({ length: 32 }, () => byte).join(':')}`
    const FP_A = fingerprint('A1')
    const FP_B = fingerprint('B2')
    // The relay M has its own certificate on each side (one DTLS session per connection).
    const FP_M1 = fingerprint('C3')
    const FP_M2 = fingerprint('D4')

    /** A's hello for the connection it believes goes to B (M claims B's peer id to A). */
    async function helloFromA(channel: { local: string; remote: string } | null): Promise<HelloMessage> {
      const hello = await helloFrom()
      return {
        ...hello,
        v: channel ? 2 : 1,
        bind: await bindConnection(sessionKey.privateKey, sessionKey.address, {
          infoHash: INFO_HASH,
          localPeerId: A,
          remotePeerId: B,
          channel,
        }),
      }
    }
    const directAtB: ConnectionContext = { ...atB, channel: { local: FP_B, remote: FP_A } }
    // B's side of its connection with M, where M claims A's peer id.
    const relayedAtB: ConnectionContext = { ...atB, channel: { local: FP_B, remote: FP_M2 } }

    it('accepts a version 2 hello made for this very connection, and marks it bound', async () => {
      const direct = await helloFromA({ local: FP_A, remote: FP_B })
      expect(await verifyHello(direct, directAtB, NOW)).toEqual({
        ok: true,
        address: wallet.address,
        session: sessionKey.address,
        channelBound: true,
      })
    })

    it('refuses a version 2 hello relayed by a peer that spoofed both peer ids', async () => {
      const madeForM = await helloFromA({ local: FP_A, remote: FP_M1 })
      const verdict = await verifyHello(madeForM, relayedAtB, NOW)
      expect(verdict).toEqual({ ok: false, reason: 'binding not for this connection' })
    })

    it('a version 1 hello relayed (M announced version 1 to A) still says where to pay, but earns no priority', async () => {
      const downgraded = await helloFromA(null)
      const verdict = await verifyHello(downgraded, relayedAtB, NOW)
      // The relayed proof names A's address, so B would pay A for what M sends: M's loss, not B's.
      expect(verdict).toMatchObject({ ok: true, address: wallet.address })
      expect(verdict.ok && verdict.channelBound).toBe(false)
    })

    it('refuses a version 2 hello on a connection whose fingerprints this side cannot read', async () => {
      const direct = await helloFromA({ local: FP_A, remote: FP_B })
      expect(await verifyHello(direct, atB, NOW)).toEqual({ ok: false, reason: 'no channel to bind to' })
    })

    it('refuses a version 2 hello whose fingerprints are swapped or altered by one digit', async () => {
      const swapped = await helloFromA({ local: FP_B, remote: FP_A })
      expect(await verifyHello(swapped, directAtB, NOW)).toMatchObject({ ok: false })
      const direct = await helloFromA({ local: FP_A, remote: FP_B })
      const altered = { ...directAtB, channel: { local: FP_B, remote: FP_A.replace(/1$/, '0') } }
      expect(await verifyHello(direct, altered, NOW)).toMatchObject({ ok: false })
    })
  })
})
