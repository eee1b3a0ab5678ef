/**
 * Tipping as the UI sees it: the address this browser proves to peers, the peers table, the tips
 * received, and what automatic tips and upload priority need from the peer ledger.
 */
import { t } from '../i18n/translate'
import type { Payments } from '../core/payments'
import type { ReceivedTips } from '../core/received-tips'
import type { TippingSessions } from '../core/tipping-session'
import { describeError } from '../shared/errors'
import type { TorrentEngine } from '../torrent/engine/engine'
import { createIdentity, loadIdentity, type TippingIdentity } from '../tipping/identity'
import { PeerLedger, type OwnNetwork, type PayablePeer, type PeerRow } from '../tipping/peer-ledger'
import type { ReceivedTip } from '../tron/received-tip'
import { notices } from './notices.svelte'
import { settings } from './settings.svelte'
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
  #received = $state.raw<readonly ReceivedTip[]>([])

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

  /**
   * Wires the peer ledger to the engine and to the money core: tips received are credited once and
   * kept, a confirmed tip is announced to its peer, a running session lends its identity.
   */
  attach(
    engine: TorrentEngine,
    shownInfoHash: () => string | null,
    core: { received: ReceivedTips; payments: Payments; sessions: TippingSessions },
  ): void {
    const ledger = new PeerLedger(engine)
    this.#ledger = ledger
    engine.setUploadPriority((infoHash, peerId) => ledger.isPayer(infoHash, peerId))
    core.received.subscribe((tips) => (this.#received = tips))
    core.received
      .load()
      .then((stored) =>
        ledger.restoreReceived(stored, (tip) => {
          core.received
            .credit(tip)
            .catch((error: unknown) => notices.alert(describeError(error, t('received.unsaved'))))
        }),
      )
      .catch((error: unknown) => notices.alert(describeError(error, t('received.unreadable'))))
    // A confirmed tip to a peer is announced to it (tt_tip `paid`); it checks the chain itself.
    core.payments.subscribe((event) => {
      const { txId, torrent, peer, to } = event.receipt
      if (event.type === 'confirmed' && txId && torrent && peer)
        ledger.notifyPaid(torrent.infoHash, peer, to, txId)
    })
    core.sessions.subscribe((event) => {
      if (event.type !== 'identity') return
      this.#sessionIdentity = event.identity
      this.#sessionNetwork = event.network
    })
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
        ledger.setPriorityRate(settings.priorityRateSunPerGB)
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
}

export const tipping = new TippingStore()
