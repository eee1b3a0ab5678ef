/**
 * The peer ledger on real bittorrent-protocol connections joined back to back (src/testing/wire-pair.ts):
 * blocks, piece messages and hellos (real TronWeb signatures) go over the wire; the engine is the
 * in-memory FakeTorrentEngine (it hands the ledger the connections and the hash-check events), and
 * the chain is a `checkPayment` passed in (a rejection is this client's own node failing).
 */
import Wire, { type ProtocolWire } from 'bittorrent-protocol'
import { TronWeb } from 'tronweb'
import { afterEach, describe, expect, it } from 'vitest'
import type { PeerWire, WireExtension } from '../torrent/engine/engine'
import { watchRequestedBlocks } from '../torrent/webtorrent/requested-blocks'
import { FakeTorrentEngine } from '../testing/fake-torrent-engine'
import { connectedPair, settle } from '../testing/wire-pair'
import { encodeMessage, grantText, type HelloMessage } from './codec'
import { bindConnection, signWithSessionKey } from './ownership'
import { MAX_DROPPED_MESSAGES, PeerLedger, type PeerLedgerDeps } from './peer-ledger'
import type { PaymentVerdict } from './payment-check'

const INFO_HASH = 'aa'.repeat(20) // the torrent of wire-pair.ts
const CHAIN = '0xde7e7e70'
const BLOCK = 16_384
const PIECE_LENGTH = 2 * BLOCK
const ME = 'cc'.repeat(20)
const UPLOADER = 'dd'.repeat(20)

function keyPair(seed: string) {
  const privateKey = seed.repeat(32)
  return { privateKey, address: TronWeb.address.fromPrivateKey(privateKey) as string }
}
const own = keyPair('01')
const honestWallet = keyPair('02')
const attackerWallet = keyPair('03')
const attackerSession = keyPair('04')

const open: ProtocolWire[] = []
afterEach(() => open.splice(0).forEach((wire) => wire.destroy()))

/** One connection as the engine hands it to the ledger: blocks sorted by requested-blocks.ts. */
function peerWireOf(wire: ProtocolWire, sent: Uint8Array[]): PeerWire {
  const answered: ((piece: number, offset: number, bytes: number, pieceLength: number) => void)[] = []
  const unrequested: ((piece: number, offset: number, bytes: number) => void)[] = []
  watchRequestedBlocks(wire, {
    answered: (piece, offset, length) =>
      answered.forEach((listener) => listener(piece, offset, length, PIECE_LENGTH)),
    unrequested: (piece, offset, length) =>
      unrequested.forEach((listener) => listener(piece, offset, length)),
  })
  return {
    infoHash: INFO_HASH,
    remotePeerId: wire.peerId ?? '',
    localPeerId: ME,
    uploaded: () => wire.uploaded,
    downloaded: () => wire.downloaded,
    send: (_name, payload) => void sent.push(payload),
    onBlock: (listener) => void answered.push(listener),
    onUnrequestedBlock: (listener) => void unrequested.push(listener),
    onClose: (listener) => void wire.once('close', listener),
    destroy: () => wire.destroy(),
    // Wires joined back to back have no DTLS: hellos here are version 1 (paid, never priority).
    channel: () => null,
  }
}

/** A connection from a remote declaring `remoteId`, attached to the ledger. */
async function connect(engine: FakeTorrentEngine, remoteId: string) {
  const pair = await connectedPair(Wire, true, open, { leecher: ME, seeder: remoteId })
  const sent: Uint8Array[] = []
  const [extension] = engine.connect(peerWireOf(pair.leecher, sent))
  if (!extension) throw new Error('the ledger registers tt_tip')
  extension.onRemoteSupport(true, {})
  return { ...pair, extension, sent, remoteId }
}

/** A grant hello from `wallet`, bound to this connection (from `remoteId` to us). */
async function prove(
  extension: WireExtension,
  wallet: { privateKey: string; address: string },
  remoteId: string,
) {
  const grant = {
    address: wallet.address,
    session: attackerSession.address,
    chain: CHAIN,
    expires: Date.now() + 3_600_000,
  }
  const hello: HelloMessage = {
    t: 'hello',
    v: 1,
    ...grant,
    grant: await signWithSessionKey(grantText(grant), wallet.privateKey),
    bind: await bindConnection(attackerSession.privateKey, attackerSession.address, {
      infoHash: INFO_HASH,
      localPeerId: remoteId,
      remotePeerId: ME,
      channel: null,
    }),
  }
  extension.onMessage(encodeMessage(hello))
}

function ledgerWith(
  checkPayment: PeerLedgerDeps['checkPayment'] = () => Promise.resolve({ ok: false, reason: 'not to me' }),
) {
  const engine = new FakeTorrentEngine()
  const ledger = new PeerLedger(engine, { checkPayment })
  ledger.setNetwork({ chainId: CHAIN, nodeUrl: 'http://127.0.0.1:9', address: own.address })
  return { engine, ledger }
}

function rowsOf(ledger: PeerLedger) {
  return ledger.rows(INFO_HASH)
}

describe('credit for verified bytes (C1)', () => {
  it('a proven peer writing unrequested, misplaced and oversized junk earns nothing, is dropped, and the honest sender keeps its credit', async () => {
    const { engine, ledger } = ledgerWith()
    const honest = await connect(engine, UPLOADER)
    const attacker = await connect(engine, 'ee'.repeat(20))
    await prove(attacker.extension, attackerWallet, attacker.remoteId)
    await expect
      .poll(() => rowsOf(ledger).find((row) => row.address === attackerWallet.address))
      .toBeDefined()

    // The attacker writes first, at the real blocks' offsets, at misplaced ones, with 1 MiB blocks.
    attacker.seeder.piece(0, 0, new Uint8Array(BLOCK))
    attacker.seeder.piece(0, BLOCK, new Uint8Array(BLOCK))
    for (let i = 0; i < 10; i++) attacker.seeder.piece(0, 1 + i, new Uint8Array(1 << 20))
    await settle()
    // Then the honest peer answers the two requests this client made of it.
    await honest.request(0, 0, BLOCK)
    await honest.request(0, BLOCK, BLOCK)
    engine.emit({ type: 'piece-checked', infoHash: INFO_HASH, index: 0, passed: true })

    const rows = rowsOf(ledger)
    const attackerRow = rows.find((row) => row.address === attackerWallet.address)
    const honestRow = rows.find((row) => row.peerId === UPLOADER)
    expect(attackerRow?.verifiedBytes).toBe(0)
    expect(honestRow?.verifiedBytes).toBe(PIECE_LENGTH)
    expect(attackerRow?.droppedMessages).toBe(12)
    expect(ledger.payablePeers()).toEqual([])

    // Past the limit of dropped messages the connection is closed.
    for (let i = 0; i < MAX_DROPPED_MESSAGES; i++) attacker.seeder.piece(1, 0, new Uint8Array(BLOCK))
    await settle()
    expect(attacker.leecher.destroyed).toBe(true)
    expect(honest.leecher.destroyed).toBe(false)
  })

  it('caps the credit of a verified piece at its length, whoever answered', async () => {
    const { engine, ledger } = ledgerWith()
    const first = await connect(engine, UPLOADER)
    const second = await connect(engine, 'ef'.repeat(20))
    // End game: the same block asked of both; the second copy is worth nothing.
    await first.request(0, 0, BLOCK)
    await second.request(0, 0, BLOCK)
    await second.request(0, BLOCK, BLOCK)
    engine.emit({ type: 'piece-checked', infoHash: INFO_HASH, index: 0, passed: true })
    const total = rowsOf(ledger).reduce((sum, row) => sum + row.verifiedBytes, 0)
    expect(total).toBe(PIECE_LENGTH)
    expect(rowsOf(ledger).map((row) => row.verifiedBytes)).toEqual([BLOCK, BLOCK])
  })
})

describe('identity is the connection (H1)', () => {
  it('a second connection declaring an uploader peer id and proving its own address gets none of its bytes, nor its notices', async () => {
    const { engine, ledger } = ledgerWith()
    const uploader = await connect(engine, UPLOADER)
    await prove(uploader.extension, honestWallet, UPLOADER)
    await uploader.request(0, 0, BLOCK)
    await uploader.request(0, BLOCK, BLOCK)
    engine.emit({ type: 'piece-checked', infoHash: INFO_HASH, index: 0, passed: true })

    // The takeover: the same declared id, the attacker's own valid proof, while the uploader is connected.
    const taker = await connect(engine, UPLOADER)
    await prove(taker.extension, attackerWallet, UPLOADER)
    await expect.poll(() => rowsOf(ledger).filter((row) => row.address !== null)).toHaveLength(2)

    const rows = rowsOf(ledger)
    expect(rows).toHaveLength(2)
    expect(new Set(rows.map((row) => row.connection)).size).toBe(2)
    expect(rows.map((row) => [row.address, row.verifiedBytes])).toEqual([
      [honestWallet.address, PIECE_LENGTH],
      [attackerWallet.address, 0],
    ])
    const payable = ledger.payablePeers()
    expect(payable).toHaveLength(1)
    expect(payable[0]).toMatchObject({ address: honestWallet.address, verifiedBytes: PIECE_LENGTH })
    expect(payable[0]?.connection).toBe(rows[0]?.connection)

    // The notice of a payment to the uploader's address goes to the uploader's connection only.
    const before = [uploader.sent.length, taker.sent.length]
    ledger.notifyPaid(INFO_HASH, UPLOADER, honestWallet.address, 'ab'.repeat(32))
    expect([uploader.sent.length, taker.sent.length]).toEqual([before[0]! + 1, before[1]])

    // Once the uploader leaves, a new connection still inherits nothing.
    uploader.leecher.destroy()
    await settle()
    expect(ledger.payablePeers().map((peer) => peer.address)).toEqual([honestWallet.address])
  })
})

describe("this client's own node failing (L6)", () => {
  async function noticesWith(checkPayment: PeerLedgerDeps['checkPayment']) {
    const { engine, ledger } = ledgerWith(checkPayment)
    const peer = await connect(engine, UPLOADER)
    await prove(peer.extension, honestWallet, UPLOADER)
    await expect.poll(() => rowsOf(ledger)[0]?.address).toBe(honestWallet.address)
    for (let i = 0; i < MAX_DROPPED_MESSAGES + 5; i++)
      peer.extension.onMessage(encodeMessage({ t: 'paid', v: 1, tx: i.toString(16).padStart(64, '0') }))
    await settle()
    return { row: rowsOf(ledger)[0], peer }
  }

  it('a node outage or rate limit while checking payment notices is not held against the peer', async () => {
    const { row, peer } = await noticesWith(() => Promise.reject(new Error('HTTP 403')))
    expect(row?.droppedMessages).toBe(0)
    expect(peer.leecher.destroyed).toBe(false)
  })

  it('notices the chain proves wrong are misbehaviour', async () => {
    const wrong: PaymentVerdict = { ok: false, reason: 'not from this peer' }
    const { row, peer } = await noticesWith(() => Promise.resolve(wrong))
    expect(row?.droppedMessages).toBeGreaterThan(MAX_DROPPED_MESSAGES)
    expect(peer.leecher.destroyed).toBe(true)
  })
})
