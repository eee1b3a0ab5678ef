/**
 * Per torrent and connection: what the peer proved about itself over `tt_tip`, the verified bytes it
 * sent, the bytes sent to it, and its misbehaviour. It speaks the extension on every connection, and
 * stays silent to peers that do not announce it (stock WebTorrent).
 *
 * Everything that leads to money is keyed by the connection, never by the peer id the remote declared
 * in its handshake (anyone can declare anyone's id): a connection is credited only for what it sent,
 * and paid only at the address proven on it.
 */
import type { PeerWire, TorrentEngine, WireExtension } from '../torrent/engine/engine'
import {
  CHANNEL_BOUND_VERSION,
  EXTENSION_NAME,
  PROTOCOL_VERSION,
  VERSION_KEY,
  announcedVersion,
  decodeMessage,
  encodeMessage,
  type HelloMessage,
} from './codec'
import type { TippingIdentity } from './identity'
import { VerifiedBytesMeter } from './meter'
import { bindConnection, verifyHello } from './ownership'
import { checkPayment as checkPaymentOnChain } from './payment-check'
import { DEFAULT_PRIORITY_RATE_SUN_PER_GB, earnsPriority } from './priority'
import type { ReceivedTip } from '../tron/received-tip'

/** Malformed or unwanted messages tolerated on one connection before it is closed. */
export const MAX_DROPPED_MESSAGES = 20
/** Hellos accepted per connection: enough to move from a grant to a tipping session and back. */
export const MAX_HELLOS = 4
/** Payment notices checked per connection and minute; more are dropped (a flood costs us node queries). */
export const MAX_PAID_NOTICES_PER_MINUTE = 60

/** A query to this client's own node that failed (outage, rate limit): says nothing about the peer. */
const NODE_FAILED = Symbol('node failed')
/** How long before a proof our node could not check is checked again. */
export const NODE_RETRY_MS = 30_000

/** Where this client stands on TRON: proofs and payments are judged against it. */
export interface OwnNetwork {
  chainId: string
  nodeUrl: string
  address: string
}

/** Connections of one torrent kept once closed with no verified bytes (for the Peers table only). */
export const CLOSED_IDLE_KEPT = 32

/** A connection that proved an address and sent verified data: what automatic tips are computed from. */
export interface PayablePeer {
  infoHash: string
  /** This page load's handle of the connection: bytes are owed to it, never to a peer id. */
  connection: string
  peerId: string
  address: string
  verifiedBytes: number
}

export interface PeerRow {
  /** This page load's handle of the connection (a reconnection is another row). */
  connection: string
  /** Declared by the remote in its handshake: shown, never trusted. */
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
  /** What its proven address paid this client covers what it was sent: it is served first. */
  payer: boolean
}

interface Connection {
  id: string
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
  /** The proof names this connection's DTLS fingerprints (not relayed): required for priority. */
  channelBound: boolean
  /** The tt_tip version the peer announced in its extended handshake (1 when none). */
  remoteVersion: number
  noticeTimes: number[]
  /** Bytes sent on this wire already counted against an address (see #servedBy). */
  servedCounted: number
}

/** What the ledger asks the chain; tests pass their own. */
export interface PeerLedgerDeps {
  checkPayment: typeof checkPaymentOnChain
}

export class PeerLedger {
  readonly #meters = new Map<string, VerifiedBytesMeter>()
  /** infoHash → connection handle → connection, in the order they opened */
  readonly #connections = new Map<string, Map<string, Connection>>()
  /** infoHash → peer ids whose connection was dropped for bad pieces: they stay dropped. */
  readonly #badPeerIds = new Map<string, Set<string>>()
  #nextConnection = 0
  /** infoHash:peerId → sun received from that peer (survives reconnections) */
  readonly #received = new Map<string, number>()
  /** Transactions already credited: a txID counts once, whoever announces it. */
  readonly #creditedTransactions = new Set<string>()
  /** chainId:address → sun it paid this client, checked on chain: what its priority is bought with. */
  readonly #paidBy = new Map<string, number>()
  /** chainId:address → bytes sent to its closed or re-proven connections (open ones are added live). */
  readonly #servedBy = new Map<string, number>()
  #priorityRate = DEFAULT_PRIORITY_RATE_SUN_PER_GB
  /** Funding proofs already confirmed on chain, so that each costs one node query per page load. */
  readonly #confirmedFunding = new Set<string>()
  #identity: TippingIdentity | null = null
  #network: OwnNetwork | null = null
  #onReceived: (tip: ReceivedTip) => void = () => {}
  readonly #checkPayment: typeof checkPaymentOnChain

  constructor(engine: TorrentEngine, deps: PeerLedgerDeps = { checkPayment: checkPaymentOnChain }) {
    this.#checkPayment = deps.checkPayment
    engine.onWire((wire) => [this.#attach(wire)])
    engine.onEvent((event) => {
      if (event.type !== 'piece-checked') return
      const meter = this.#meter(event.infoHash)
      if (event.passed) {
        meter.pieceVerified(event.index)
        return
      }
      for (const id of meter.pieceFailed(event.index)) {
        // A peer that keeps sending bad data is dropped; it is never paid for any of it.
        const connection = this.#connections.get(event.infoHash)?.get(id)
        if (!connection) continue
        this.#badPeersOf(event.infoHash).add(connection.wire.remotePeerId)
        connection.wire.destroy()
      }
    })
  }

  /** Who this client is to others: set when the user shares an address, null to stop. */
  setIdentity(identity: TippingIdentity | null): void {
    this.#identity = identity
    if (!identity) return
    for (const byConnection of this.#connections.values()) {
      for (const connection of byConnection.values()) void this.#sendHello(connection)
    }
  }

  /** The network and address this client tips from: proofs for another network are refused. */
  setNetwork(network: OwnNetwork | null): void {
    const changed = network?.chainId !== this.#network?.chainId || network?.address !== this.#network?.address
    this.#network = network
    if (!changed) return
    for (const byConnection of this.#connections.values()) {
      for (const connection of byConnection.values()) {
        connection.servedCounted = connection.wire.uploaded()
        connection.row = { ...connection.row, address: null }
        connection.provenSession = null
        connection.channelBound = false
        if (connection.unverifiedHello) void this.#verify(connection, connection.unverifiedHello)
      }
    }
  }

  /**
   * Tips received in earlier page loads: never credited again; they still pay for priority (bytes
   * sent in earlier page loads are not kept, so a past payer starts this one with its whole payment).
   */
  restoreReceived(tips: readonly ReceivedTip[], onReceived: (tip: ReceivedTip) => void): void {
    for (const tip of tips) {
      this.#creditedTransactions.add(tip.txId)
      this.#addPaid(`${tip.chainId}:${tip.from}`, tip.amountSun)
      const key = `${tip.infoHash}:${tip.peerId}`
      this.#received.set(key, (this.#received.get(key) ?? 0) + tip.amountSun)
    }
    this.#onReceived = onReceived
  }

  /** The minimum rate, in sun per GB sent, that a peer's payments must reach for priority. */
  setPriorityRate(rateSunPerGB: number): void {
    this.#priorityRate = rateSunPerGB
  }

  /**
   * True when the open connections declaring this peer id all earn priority: a connection that merely
   * claims a payer's id gets none (nor takes it away from the payer for long: it is one of the
   * connections asked about).
   */
  isPayer(infoHash: string, peerId: string): boolean {
    const open = [...(this.#connections.get(infoHash)?.values() ?? [])].filter(
      ({ row }) => row.connected && row.peerId === peerId,
    )
    return open.length > 0 && open.every((connection) => this.#earnsPriority(connection))
  }

  /**
   * True while the address proven on this connection has paid this client at least the minimum rate
   * for every byte sent to it (on any connection and torrent): a token payment stops counting once
   * the bytes it covers are sent.
   */
  #earnsPriority(connection: Connection): boolean {
    const address = connection.row.address
    const chainId = this.#network?.chainId
    // A proof that could have been relayed says where to pay, never who to serve first (M3).
    if (!address || !chainId || !connection.channelBound) return false
    const paidSun = this.#paidBy.get(`${chainId}:${address}`) ?? 0
    if (paidSun === 0) return false
    return earnsPriority({ paidSun, servedBytes: this.#servedTo(chainId, address) }, this.#priorityRate)
  }

  /** Bytes sent to an address: its closed connections, plus what its open ones were sent since it proved it. */
  #servedTo(chainId: string, address: string): number {
    let served = this.#servedBy.get(`${chainId}:${address}`) ?? 0
    for (const byConnection of this.#connections.values())
      for (const connection of byConnection.values())
        if (connection.row.connected && connection.row.address === address)
          served += connection.wire.uploaded() - connection.servedCounted
    return served
  }

  /** Moves what this wire was sent so far onto the address it proved (when it closes or proves another). */
  #countServed(connection: Connection): void {
    const { address } = connection.row
    const chainId = this.#network?.chainId
    const uploaded = connection.wire.uploaded()
    if (address && chainId) {
      const key = `${chainId}:${address}`
      this.#servedBy.set(key, (this.#servedBy.get(key) ?? 0) + uploaded - connection.servedCounted)
    }
    connection.servedCounted = uploaded
  }

  #addPaid(key: string, amountSun: number): void {
    this.#paidBy.set(key, (this.#paidBy.get(key) ?? 0) + amountSun)
  }

  /** Every connection, of every torrent, that proved an address on this network and sent verified data. */
  payablePeers(): PayablePeer[] {
    const payable: PayablePeer[] = []
    for (const [infoHash, byConnection] of this.#connections) {
      const meter = this.#meters.get(infoHash)
      for (const { id, row } of byConnection.values()) {
        const verifiedBytes = meter?.verifiedBytes(id) ?? 0
        if (row.address && verifiedBytes > 0)
          payable.push({ infoHash, connection: id, peerId: row.peerId, address: row.address, verifiedBytes })
      }
    }
    return payable
  }

  /**
   * Tells the peer a confirmed payment went to, so that it can check and credit it: the open
   * connections declaring that peer id and proving the address paid.
   */
  notifyPaid(infoHash: string, peerId: string, to: string, txId: string): void {
    for (const { wire, row } of this.#connections.get(infoHash)?.values() ?? []) {
      if (!row.connected || !row.speaksTipping || row.peerId !== peerId || row.address !== to) continue
      wire.send(EXTENSION_NAME, encodeMessage({ t: 'paid', v: 1, tx: txId }))
    }
  }

  rows(infoHash: string): PeerRow[] {
    const meter = this.#meters.get(infoHash)
    return [...(this.#connections.get(infoHash)?.values() ?? [])].map((connection) => {
      const { id, wire, row } = connection
      return {
        ...row,
        verifiedBytes: meter?.verifiedBytes(id) ?? 0,
        receivedSun: this.#received.get(`${infoHash}:${row.peerId}`) ?? 0,
        badPieces: meter?.strikes(id) ?? 0,
        uploadedBytes: row.connected ? wire.uploaded() : row.uploadedBytes,
        payer: this.#earnsPriority(connection),
      }
    })
  }

  #badPeersOf(infoHash: string): Set<string> {
    let bad = this.#badPeerIds.get(infoHash)
    if (!bad) {
      bad = new Set()
      this.#badPeerIds.set(infoHash, bad)
    }
    return bad
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
    const id = `c${++this.#nextConnection}`
    const connection: Connection = {
      id,
      wire,
      hellosSeen: 0,
      helloSentFor: null,
      unverifiedHello: null,
      provenSession: null,
      channelBound: false,
      remoteVersion: 1,
      noticeTimes: [],
      servedCounted: 0,
      row: {
        connection: id,
        peerId: wire.remotePeerId,
        connected: true,
        speaksTipping: false,
        // A proof holds for one connection only: a reconnection must prove again.
        address: null,
        verifiedBytes: 0,
        uploadedBytes: 0,
        droppedMessages: 0,
        badPieces: 0,
        receivedSun: 0,
        payer: false,
      },
    }
    let byConnection = this.#connections.get(wire.infoHash)
    if (!byConnection) {
      byConnection = new Map()
      this.#connections.set(wire.infoHash, byConnection)
    }
    const meter = this.#meter(wire.infoHash)
    this.#forgetIdle(byConnection, meter)
    byConnection.set(connection.id, connection)
    // A peer dropped for bad pieces stays dropped when it comes back through the tracker.
    if (this.#badPeersOf(wire.infoHash).has(wire.remotePeerId)) queueMicrotask(() => wire.destroy())
    // Credit only for blocks this client asked this very connection for (see the meter).
    wire.onBlock((piece, offset, bytes, pieceLength) =>
      meter.recordBlock(connection.id, piece, offset, bytes, pieceLength),
    )
    // A piece message nobody asked for is misbehaviour, like a malformed tt_tip message.
    wire.onUnrequestedBlock(() => this.#drop(connection))
    wire.onClose(() => {
      this.#countServed(connection)
      connection.row = { ...connection.row, connected: false, uploadedBytes: wire.uploaded() }
    })
    return {
      name: EXTENSION_NAME,
      handshake: { [VERSION_KEY]: PROTOCOL_VERSION },
      onRemoteSupport: (supported, handshake) => {
        connection.remoteVersion = announcedVersion(handshake)
        connection.row = { ...connection.row, speaksTipping: supported }
        if (supported) void this.#sendHello(connection)
      },
      onMessage: (payload) => void this.#receive(connection, payload),
    }
  }

  /**
   * Closed connections that earned nothing are kept for the Peers table, a few per torrent; those
   * with verified bytes are kept whatever their number, as they may still be owed.
   */
  #forgetIdle(byConnection: Map<string, Connection>, meter: VerifiedBytesMeter): void {
    const idle = [...byConnection.values()].filter(
      ({ id, row }) => !row.connected && meter.verifiedBytes(id) === 0 && meter.pendingBlocks(id) === 0,
    )
    for (const { id } of idle.slice(0, Math.max(0, idle.length - CLOSED_IDLE_KEPT + 1)))
      byConnection.delete(id)
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
    // The newest binding both sides speak: a peer of version 1 could not read a version 2 hello.
    const channel = connection.remoteVersion >= CHANNEL_BOUND_VERSION ? wire.channel() : null
    const bind = await bindConnection(identity.session.privateKey, identity.session.address, {
      infoHash: wire.infoHash,
      localPeerId: wire.localPeerId,
      remotePeerId: wire.remotePeerId,
      channel,
    })
    const hello: HelloMessage = {
      t: 'hello',
      v: channel ? 2 : 1,
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
    const verdict = await this.#checkPayment({
      txId,
      nodeUrl: network.nodeUrl,
      recipient: network.address,
      senders,
    }).catch((): typeof NODE_FAILED => NODE_FAILED)
    // Our own node failing (outage, rate limit) proves nothing against the peer: not held against it.
    if (verdict === NODE_FAILED) return
    // Checked again after the wait: two notices of one transaction must not both count.
    if (!verdict.ok || this.#creditedTransactions.has(txId)) {
      if (!verdict.ok) this.#drop(connection)
      return
    }
    this.#creditedTransactions.add(txId)
    const key = `${connection.wire.infoHash}:${connection.wire.remotePeerId}`
    this.#received.set(key, (this.#received.get(key) ?? 0) + verdict.amountSun)
    this.#addPaid(`${network.chainId}:${sender}`, verdict.amountSun)
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
    let nodeFailed = false
    const verdict = await verifyHello(
      hello,
      {
        infoHash: connection.wire.infoHash,
        remotePeerId: connection.wire.remotePeerId,
        localPeerId: connection.wire.localPeerId,
        chainId,
        channel: connection.wire.channel(),
        ownAddresses: [network.address, this.#identity?.address, this.#identity?.session.address].filter(
          (address): address is string => typeof address === 'string',
        ),
      },
      Date.now(),
      async (funding) => {
        const found = await this.#fundingConfirmed(network.nodeUrl, funding)
        nodeFailed = found === NODE_FAILED
        return found === true
      },
    )
    // Only the latest hello counts: an older one whose check finished late must not win.
    if (this.#network?.chainId !== chainId || connection.unverifiedHello !== hello) return
    if (verdict.ok) {
      // Bytes sent before this proof count against the address it proves; a new address starts afresh.
      if (connection.row.address !== verdict.address && connection.row.address) this.#countServed(connection)
      connection.row = { ...connection.row, address: verdict.address }
      connection.provenSession = verdict.session
      connection.channelBound = verdict.channelBound
    } else if (nodeFailed) {
      // Our node could not say: not the peer's fault. The same hello is checked again later.
      setTimeout(() => {
        if (connection.row.connected && connection.unverifiedHello === hello)
          void this.#verify(connection, hello)
      }, NODE_RETRY_MS)
    } else this.#drop(connection)
  }

  /**
   * A funding proof is a transfer from the address to the session key, confirmed on our own node;
   * NODE_FAILED when the node could not be asked.
   */
  async #fundingConfirmed(
    nodeUrl: string,
    { tx, from, to }: { tx: string; from: string; to: string },
  ): Promise<boolean | typeof NODE_FAILED> {
    const key = `${nodeUrl} ${tx} ${from} ${to}`
    if (this.#confirmedFunding.has(key)) return true
    const verdict = await this.#checkPayment({ txId: tx, nodeUrl, recipient: to, senders: [from] }).catch(
      (): typeof NODE_FAILED => NODE_FAILED,
    )
    if (verdict === NODE_FAILED) return verdict
    if (verdict.ok) this.#confirmedFunding.add(key)
    return verdict.ok
  }

  #drop(connection: Connection): void {
    connection.row = { ...connection.row, droppedMessages: connection.row.droppedMessages + 1 }
    if (connection.row.droppedMessages > MAX_DROPPED_MESSAGES) connection.wire.destroy()
  }
}
