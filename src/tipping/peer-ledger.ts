/**
 * Per torrent and peer: what the peer proved about itself over `tt_tip`, the verified bytes it sent,
 * the bytes sent to it, and its misbehaviour. It speaks the extension on every connection, and
 * stays silent to peers that do not announce it (stock WebTorrent).
 */
import type { PeerWire, TorrentEngine, WireExtension } from '../torrent/engine'
import { EXTENSION_NAME, decodeMessage, encodeMessage, type HelloMessage } from './codec'
import type { TippingIdentity } from './identity'
import { VerifiedBytesMeter } from './meter'
import { bindConnection, verifyHello } from './ownership'
import { checkPayment } from './payment-check'

/** Malformed or unwanted messages tolerated on one connection before it is closed. */
export const MAX_DROPPED_MESSAGES = 20
/** Payment notices checked per connection and minute; more are dropped (a flood costs us node queries). */
export const MAX_PAID_NOTICES_PER_MINUTE = 60

/** Where this client stands on TRON: proofs and payments are judged against it. */
export interface OwnNetwork {
  chainId: string
  nodeUrl: string
  address: string
}

export interface PeerRow {
  peerId: string
  connected: boolean
  speaksTipping: boolean
  /** Proven for this connection; null until a valid `hello`. */
  address: string | null
  verifiedBytes: number
  /** Bytes this client sent to the peer. */
  uploadedBytes: number
  droppedMessages: number
  badPieces: number
  /** Confirmed payments from this peer to this client, checked on chain. */
  receivedSun: number
}

interface Connection {
  wire: PeerWire
  row: PeerRow
  helloSeen: boolean
  helloSent: boolean
  /** A hello that arrived before this client knew its network; checked once it does. */
  unverifiedHello: HelloMessage | null
  /** The session key the peer proved, allowed to pay on its behalf. */
  provenSession: string | null
  noticeTimes: number[]
}

export class PeerLedger {
  readonly #meters = new Map<string, VerifiedBytesMeter>()
  /** infoHash → peerId → latest connection */
  readonly #connections = new Map<string, Map<string, Connection>>()
  /** infoHash:peerId → sun received from that peer (survives reconnections) */
  readonly #received = new Map<string, number>()
  /** Transactions already credited: a txID counts once, whoever announces it. */
  readonly #creditedTransactions = new Set<string>()
  #identity: TippingIdentity | null = null
  #network: OwnNetwork | null = null

  constructor(engine: TorrentEngine) {
    engine.onWire((wire) => [this.#attach(wire)])
    engine.onEvent((event) => {
      if (event.type !== 'piece-checked') return
      const meter = this.#meter(event.infoHash)
      if (event.passed) {
        meter.pieceVerified(event.index)
        return
      }
      for (const peerId of meter.pieceFailed(event.index)) {
        // A peer that keeps sending bad data is dropped; it is never paid for any of it.
        this.#connections.get(event.infoHash)?.get(peerId)?.wire.destroy()
      }
    })
  }

  /** Who this client is to others: set when the user shares an address, null to stop. */
  setIdentity(identity: TippingIdentity | null): void {
    this.#identity = identity
    if (!identity) return
    for (const byPeer of this.#connections.values()) {
      for (const connection of byPeer.values()) void this.#sendHello(connection)
    }
  }

  /** The network and address this client tips from: proofs for another network are refused. */
  setNetwork(network: OwnNetwork | null): void {
    const changed = network?.chainId !== this.#network?.chainId || network?.address !== this.#network?.address
    this.#network = network
    if (!changed) return
    for (const byPeer of this.#connections.values()) {
      for (const connection of byPeer.values()) {
        connection.row = { ...connection.row, address: null }
        connection.provenSession = null
        if (connection.unverifiedHello) void this.#verify(connection, connection.unverifiedHello)
      }
    }
  }

  /** Tells a peer about a confirmed payment to it, so that it can check and credit it. */
  notifyPaid(infoHash: string, peerId: string, txId: string): void {
    const connection = this.#connections.get(infoHash)?.get(peerId)
    if (!connection?.row.connected || !connection.row.speaksTipping) return
    connection.wire.send(EXTENSION_NAME, encodeMessage({ t: 'paid', v: 1, tx: txId }))
  }

  rows(infoHash: string): PeerRow[] {
    const meter = this.#meters.get(infoHash)
    return [...(this.#connections.get(infoHash)?.values() ?? [])].map(({ wire, row }) => ({
      ...row,
      verifiedBytes: meter?.verifiedBytes(row.peerId) ?? 0,
      receivedSun: this.#received.get(`${infoHash}:${row.peerId}`) ?? 0,
      badPieces: meter?.strikes(row.peerId) ?? 0,
      uploadedBytes: row.connected ? wire.uploaded() : row.uploadedBytes,
    }))
  }

  #meter(infoHash: string): VerifiedBytesMeter {
    let meter = this.#meters.get(infoHash)
    if (!meter) {
      meter = new VerifiedBytesMeter()
      this.#meters.set(infoHash, meter)
    }
    return meter
  }

  #attach(wire: PeerWire): WireExtension {
    const previous = this.#connections.get(wire.infoHash)?.get(wire.remotePeerId)
    const connection: Connection = {
      wire,
      helloSeen: false,
      helloSent: false,
      unverifiedHello: null,
      provenSession: null,
      noticeTimes: [],
      row: {
        peerId: wire.remotePeerId,
        connected: true,
        speaksTipping: false,
        // A proof holds for one connection only: a reconnection must prove again.
        address: null,
        verifiedBytes: 0,
        uploadedBytes: previous?.row.uploadedBytes ?? 0,
        droppedMessages: 0,
        badPieces: 0,
        receivedSun: 0,
      },
    }
    let byPeer = this.#connections.get(wire.infoHash)
    if (!byPeer) {
      byPeer = new Map()
      this.#connections.set(wire.infoHash, byPeer)
    }
    byPeer.set(wire.remotePeerId, connection)
    const meter = this.#meter(wire.infoHash)
    wire.onBlock((piece, bytes) => meter.recordBlock(wire.remotePeerId, piece, bytes))
    wire.onClose(() => {
      connection.row = { ...connection.row, connected: false, uploadedBytes: wire.uploaded() }
    })
    return {
      name: EXTENSION_NAME,
      onRemoteSupport: (supported) => {
        connection.row = { ...connection.row, speaksTipping: supported }
        if (supported) void this.#sendHello(connection)
      },
      onMessage: (payload) => void this.#receive(connection, payload),
    }
  }

  async #sendHello(connection: Connection): Promise<void> {
    const identity = this.#identity
    if (!identity || !connection.row.speaksTipping || connection.helloSent || !connection.row.connected)
      return
    connection.helloSent = true
    const { wire } = connection
    const bind = await bindConnection(identity.session.privateKey, identity.session.address, {
      infoHash: wire.infoHash,
      localPeerId: wire.localPeerId,
      remotePeerId: wire.remotePeerId,
    })
    const hello: HelloMessage = {
      t: 'hello',
      v: 1,
      chain: identity.chainId,
      address: identity.address,
      session: identity.session.address,
      expires: identity.expires,
      grant: identity.grant,
      bind,
    }
    if (connection.row.connected) wire.send(EXTENSION_NAME, encodeMessage(hello))
  }

  async #receive(connection: Connection, payload: Uint8Array): Promise<void> {
    const decoded = decodeMessage(payload)
    if (!decoded.ok || (decoded.message.t === 'hello' && connection.helloSeen)) {
      this.#drop(connection)
      return
    }
    const message = decoded.message
    if (message.t === 'paid') {
      await this.#checkPaid(connection, message.tx)
      return
    }
    connection.helloSeen = true
    connection.unverifiedHello = message
    await this.#verify(connection, message)
  }

  async #checkPaid(connection: Connection, txId: string): Promise<void> {
    const now = Date.now()
    connection.noticeTimes = connection.noticeTimes.filter((time) => time > now - 60_000)
    const network = this.#network
    const sender = connection.row.address
    if (connection.noticeTimes.length >= MAX_PAID_NOTICES_PER_MINUTE || !network || !sender) {
      this.#drop(connection)
      return
    }
    connection.noticeTimes.push(now)
    if (this.#creditedTransactions.has(txId)) return
    const senders = connection.provenSession ? [sender, connection.provenSession] : [sender]
    const verdict = await checkPayment({
      txId,
      nodeUrl: network.nodeUrl,
      recipient: network.address,
      senders,
    }).catch(() => ({ ok: false as const, reason: 'node unreachable' }))
    // Checked again after the wait: two notices of one transaction must not both count.
    if (!verdict.ok || this.#creditedTransactions.has(txId)) {
      if (!verdict.ok) this.#drop(connection)
      return
    }
    this.#creditedTransactions.add(txId)
    const key = `${connection.wire.infoHash}:${connection.wire.remotePeerId}`
    this.#received.set(key, (this.#received.get(key) ?? 0) + verdict.amountSun)
  }

  async #verify(connection: Connection, hello: HelloMessage): Promise<void> {
    const chainId = this.#network?.chainId
    if (!chainId) return
    const verdict = await verifyHello(hello, {
      infoHash: connection.wire.infoHash,
      remotePeerId: connection.wire.remotePeerId,
      localPeerId: connection.wire.localPeerId,
      chainId,
    })
    if (this.#network?.chainId !== chainId) return
    if (verdict.ok) {
      connection.row = { ...connection.row, address: verdict.address }
      connection.provenSession = verdict.session
    } else this.#drop(connection)
  }

  #drop(connection: Connection): void {
    connection.row = { ...connection.row, droppedMessages: connection.row.droppedMessages + 1 }
    if (connection.row.droppedMessages > MAX_DROPPED_MESSAGES) connection.wire.destroy()
  }
}
