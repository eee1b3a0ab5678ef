/**
 * Tipping as the UI sees it: the address this browser proves to peers, the peers table, the tips
 * received, and what automatic tips and upload priority need from the peer ledger.
 */
import { t } from '../i18n/translate'
import { allRecords, putRecord } from '../db/records'
import { TIPS_RECEIVED } from '../db/database'
import { describeError } from '../shared/errors'
import type { TorrentEngine } from '../torrent/engine/engine'
import { createIdentity, loadIdentity, type TippingIdentity } from '../tipping/identity'
import {
  PeerLedger,
  type OwnNetwork,
  type PayablePeer,
  type PeerRow,
  type ReceivedTip,
} from '../tipping/peer-ledger'
import { notices } from './notices.svelte'
import { wallet } from './wallet.svelte'

const PEERS_SAMPLE_INTERVAL_MS = 1_000

class TippingStore {
  #ledger: PeerLedger | null = null
  /** The wallet's signed grant: lets peers tip this browser. */
  #grantIdentity = $state<TippingIdentity | null>(null)
  /** A running tipping session's identity (proven by its funding transfer): wins over the grant. */
  #sessionIdentity = $state<TippingIdentity | null>(null)
  /** A running session's network, used when no wallet is connected (after a reload, say). */
  #sessionNetwork = $state<OwnNetwork | null>(null)
  #sharing = $state(false)
  /** Rows of the one torrent whose details are open: nobody looks at the others. */
  #peers = $state<{ infoHash: string; rows: PeerRow[] } | null>(null)
  #received = $state<ReceivedTip[]>([])

  get identity(): TippingIdentity | null {
    return this.#sessionIdentity ?? this.#grantIdentity
  }
  get sharing(): boolean {
    return this.#sharing
  }
  /** Tips other peers paid this browser, checked on chain, oldest first. */
  get received(): readonly ReceivedTip[] {
    return this.#received
  }
  get network(): OwnNetwork | null {
    const connection = wallet.connection
    return connection
      ? { chainId: connection.chainId, nodeUrl: connection.nodeUrl, address: connection.address }
      : this.#sessionNetwork
  }

  peersOf(infoHash: string): readonly PeerRow[] {
    return this.#peers?.infoHash === infoHash ? this.#peers.rows : []
  }

  /** Peers owed something on `chainId`: proofs checked on another network do not count. */
  payablePeers(chainId: string): readonly PayablePeer[] {
    return this.network?.chainId === chainId ? (this.#ledger?.payablePeers() ?? []) : []
  }

  attach(engine: TorrentEngine, shownInfoHash: () => string | null): void {
    const ledger = new PeerLedger(engine)
    this.#ledger = ledger
    engine.setUploadPriority((infoHash, peerId) => ledger.isPayer(infoHash, peerId))
    allRecords(TIPS_RECEIVED, isReceivedTip)
      .then((stored) => {
        this.#received = stored.sort((a, b) => a.at - b.at)
        ledger.restoreReceived(stored, (tip) => this.#record(tip))
      })
      .catch((error: unknown) => notices.alert(describeError(error, t('received.unreadable'))))
    setInterval(() => {
      const infoHash = shownInfoHash()
      this.#peers = infoHash ? { infoHash, rows: ledger.rows(infoHash) } : null
    }, PEERS_SAMPLE_INTERVAL_MS)
    $effect.root(() => {
      // The network decides which proofs count; the wallet's address which grant applies.
      $effect(() => {
        ledger.setNetwork(this.network)
      })
      $effect(() => {
        ledger.setIdentity(this.identity)
      })
      $effect(() => {
        const connection = wallet.connection
        this.#grantIdentity = null
        if (!connection) return
        loadIdentity(connection)
          .then((identity) => {
            if (identity && wallet.connection?.address === identity.address) this.#grantIdentity = identity
          })
          .catch((error: unknown) => notices.alert(describeError(error, t('session.unreadable'))))
      })
    })
  }

  /** Set by the tipping session while it runs: peers see its funding proof. */
  useSession(identity: TippingIdentity | null, network: OwnNetwork | null): void {
    this.#sessionIdentity = identity
    this.#sessionNetwork = network
  }

  /** After a confirmed tip to a peer: tell the peer, so that it can check the payment and credit it. */
  notifyPaid(infoHash: string, peerId: string, txId: string): void {
    this.#ledger?.notifyPaid(infoHash, peerId, txId)
  }

  /** Proves the wallet's address to peers: one signature in TronLink, valid for a day. */
  async shareAddress(): Promise<void> {
    const connection = wallet.connection
    if (!connection) return
    this.#sharing = true
    try {
      this.#grantIdentity = await createIdentity(connection, (message) => wallet.signer.signMessage(message))
      notices.announce(t('sharing.done'))
    } catch (error) {
      notices.alert(describeError(error, t('sharing.failed')))
    } finally {
      this.#sharing = false
    }
  }

  #record(tip: ReceivedTip): void {
    this.#received = [...this.#received, tip]
    putRecord(TIPS_RECEIVED, tip).catch((error: unknown) =>
      notices.alert(describeError(error, t('received.unsaved'))),
    )
  }
}

function isReceivedTip(value: unknown): value is ReceivedTip {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    typeof record.txId === 'string' &&
    typeof record.from === 'string' &&
    typeof record.infoHash === 'string' &&
    typeof record.peerId === 'string' &&
    typeof record.chainId === 'string' &&
    typeof record.at === 'number' &&
    Number.isSafeInteger(record.amountSun)
  )
}

export const tipping = new TippingStore()
