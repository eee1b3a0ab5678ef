/**
 * Per torrent and peer: what the peer proved about itself over `tt_tip`, the verified bytes it sent,
 * the bytes sent to it, and its misbehaviour. It speaks the extension on every connection, and
 * stays silent to peers that do not announce it (stock WebTorrent).
 */
import type { PeerWire, TorrentEngine, WireExtension } from '../torrent/engine/engine'
import { EXTENSION_NAME, decodeMessage, encodeMessage, type HelloMessage } from './codec'
import type { TippingIdentity } from './identity'
import { STRIKES_BEFORE_DROP, VerifiedBytesMeter } from './meter'
import { bindConnection, verifyHello } from './ownership'
import { checkPayment } from './payment-check'
import type { ReceivedTip } from '../tron/received-tip'

/** Malformed or unwanted messages tolerated on one connection before it is closed. */
export const MAX_DROPPED_MESSAGES = 20
/** Hellos accepted per connection: enough to move from a grant to a tipping session and back. */
export const MAX_HELLOS = 4
/** Payment notices checked per connection and minute; more are dropped (a flood costs us node queries). */
export const MAX_PAID_NOTICES_PER_MINUTE = 60

/** Where this client stands on TRON: proofs and payments are judged against it. */
export interface OwnNetwork {
  chainId: string
  nodeUrl: string
  address: string
}

/** A peer that proved an address and sent verified data: what automatic tips are computed from. */
export interface PayablePeer {
  infoHash: string
  peerId: string
  address: string
  verifiedBytes: number
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
  /** Its proven address has paid this client: it is served first. */
  payer: boolean
}

interface Connection {
  wire: PeerWire
  row: PeerRow
  /** Hellos received on this connection: a peer may re-prove (say, once it starts a session), a few times. */
  hellosSeen: number
  /** The session key of the last hello sent, so that a new identity is announced once. */
  helloSentFor: string | null
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
  /** Addresses whose payments to this client were verified: their requests are served first. */
  readonly #payers = new Set<string>()
  /** Funding proofs already confirmed on chain, so that each costs one node query per page load. */
  readonly #confirmedFunding = new Set<string>()
  #identity: TippingIdentity | null = null
  #network: OwnNetwork | null = null
  #onReceived: (tip: ReceivedTip) => void = () => {}

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

  /** Tips received in earlier page loads: never credited again; their senders keep their priority. */
  restoreReceived(tips: readonly ReceivedTip[], onReceived: (tip: ReceivedTip) => void): void {
    for (const tip of tips) {
      this.#creditedTransactions.add(tip.txId)
      this.#payers.add(`${tip.chainId}:${tip.from}`)
      const key = `${tip.infoHash}:${tip.peerId}`
      this.#received.set(key, (this.#received.get(key) ?? 0) + tip.amountSun)
    }
    this.#onReceived = onReceived
  }

  /** True when the peer on this connection proved an address that has paid this client. */
  isPayer(infoHash: string, peerId: string): boolean {
    const address = this.#connections.get(infoHash)?.get(peerId)?.row.address
    const chainId = this.#network?.chainId
    return Boolean(address && chainId && this.#payers.has(`${chainId}:${address}`))
  }

  /** Every peer, of every torrent, that proved an address on this network and sent verified data. */
  payablePeers(): PayablePeer[] {
    const payable: PayablePeer[] = []
    for (const [infoHash, byPeer] of this.#connections) {
      const meter = this.#meters.get(infoHash)
      for (const { row } of byPeer.values()) {
        const verifiedBytes = meter?.verifiedBytes(row.peerId) ?? 0
        if (row.address && verifiedBytes > 0)
          payable.push({ infoHash, peerId: row.peerId, address: row.address, verifiedBytes })
      }
    }
    return payable
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
      payer: this.isPayer(infoHash, row.peerId),
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
      hellosSeen: 0,
      helloSentFor: null,
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
        payer: false,
      },
    }
    let byPeer = this.#connections.get(wire.infoHash)
    if (!byPeer) {
      byPeer = new Map()
      this.#connections.set(wire.infoHash, byPeer)
    }
    byPeer.set(wire.remotePeerId, connection)
    const meter = this.#meter(wire.infoHash)
    // A peer dropped for bad pieces stays dropped when it comes back through the tracker.
    if (meter.strikes(wire.remotePeerId) >= STRIKES_BEFORE_DROP) queueMicrotask(() => wire.destroy())
    wire.onBlock((piece, offset, bytes) => meter.recordBlock(wire.remotePeerId, piece, offset, bytes))
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
    if (
      !identity ||
      !connection.row.speaksTipping ||
      connection.helloSentFor === identity.session.address ||
      !connection.row.connected
    )
      return
    connection.helloSentFor = identity.session.address
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
      bind,
      ...identity.proof,
    }
    if (!connection.row.connected) return
    wire.send(EXTENSION_NAME, encodeMessage(hello))
  }

  async #receive(connection: Connection, payload: Uint8Array): Promise<void> {
    const decoded = decodeMessage(payload)
    if (!decoded.ok || (decoded.message.t === 'hello' && connection.hellosSeen >= MAX_HELLOS)) {
      this.#drop(connection)
      return
    }
    const message = decoded.message
    if (message.t === 'paid') {
      await this.#checkPaid(connection, message.tx)
      return
    }
    connection.hellosSeen++
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
    this.#payers.add(`${network.chainId}:${sender}`)
    this.#onReceived({
      txId,
      at: Date.now(),
      chainId: network.chainId,
      infoHash: connection.wire.infoHash,
      peerId: connection.wire.remotePeerId,
      from: sender,
      amountSun: verdict.amountSun,
    })
  }

  async #verify(connection: Connection, hello: HelloMessage): Promise<void> {
    const network = this.#network
    if (!network) return
    const chainId = network.chainId
    const verdict = await verifyHello(
      hello,
      {
        infoHash: connection.wire.infoHash,
        remotePeerId: connection.wire.remotePeerId,
        localPeerId: connection.wire.localPeerId,
        chainId,
        ownAddresses: [network.address, this.#identity?.address, this.#identity?.session.address].filter(
          (address): address is string => typeof address === 'string',
        ),
      },
      Date.now(),
      (funding) => this.#fundingConfirmed(network.nodeUrl, funding),
    )
    // Only the latest hello counts: an older one whose check finished late must not win.
    if (this.#network?.chainId !== chainId || connection.unverifiedHello !== hello) return
    if (verdict.ok) {
      connection.row = { ...connection.row, address: verdict.address }
      connection.provenSession = verdict.session
    } else this.#drop(connection)
  }

  /** A funding proof is a transfer from the address to the session key, confirmed on our own node. */
  async #fundingConfirmed(nodeUrl: string, { tx, from, to }: { tx: string; from: string; to: string }) {
    const key = `${nodeUrl} ${tx} ${from} ${to}`
    if (this.#confirmedFunding.has(key)) return true
    const verdict = await checkPayment({ txId: tx, nodeUrl, recipient: to, senders: [from] }).catch(
      () => ({ ok: false }) as const,
    )
    if (verdict.ok) this.#confirmedFunding.add(key)
    return verdict.ok
  }

  #drop(connection: Connection): void {
    connection.row = { ...connection.row, droppedMessages: connection.row.droppedMessages + 1 }
    if (connection.row.droppedMessages > MAX_DROPPED_MESSAGES) connection.wire.destroy()
  }
}
