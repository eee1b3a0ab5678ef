/** Tipping as the UI sees it: whether this browser shares its address with peers, and the peers table. */
import { describeError } from '../torrent/errors'
import type { TorrentEngine } from '../torrent/engine'
import { createIdentity, loadIdentity, type TippingIdentity } from '../tipping/identity'
import { PeerLedger, type PeerRow } from '../tipping/peer-ledger'
import { notices } from './notices.svelte'
import { wallet } from './wallet.svelte'

const PEERS_SAMPLE_INTERVAL_MS = 1_000

class TippingStore {
  #ledger: PeerLedger | null = null
  #identity = $state<TippingIdentity | null>(null)
  #sharing = $state(false)
  /** Rows of the one torrent whose details are open: nobody looks at the others. */
  #peers = $state<{ infoHash: string; rows: PeerRow[] } | null>(null)

  get identity(): TippingIdentity | null {
    return this.#identity
  }
  get sharing(): boolean {
    return this.#sharing
  }

  peersOf(infoHash: string): readonly PeerRow[] {
    return this.#peers?.infoHash === infoHash ? this.#peers.rows : []
  }

  attach(engine: TorrentEngine, shownInfoHash: () => string | null): void {
    const ledger = new PeerLedger(engine)
    this.#ledger = ledger
    setInterval(() => {
      const infoHash = shownInfoHash()
      this.#peers = infoHash ? { infoHash, rows: ledger.rows(infoHash) } : null
    }, PEERS_SAMPLE_INTERVAL_MS)
    // Follow the wallet: its network decides which proofs count, its address which identity applies.
    $effect.root(() => {
      $effect(() => {
        const connection = wallet.connection
        ledger.setNetwork(
          connection
            ? { chainId: connection.chainId, nodeUrl: connection.nodeUrl, address: connection.address }
            : null,
        )
        this.#use(null)
        if (!connection) return
        loadIdentity(connection)
          .then((identity) => {
            if (identity && wallet.connection?.address === identity.address) this.#use(identity)
          })
          .catch((error: unknown) =>
            notices.alert(describeError(error, 'The tipping session could not be read')),
          )
      })
    })
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
      this.#use(await createIdentity(connection, (message) => wallet.signer.signMessage(message)))
      notices.announce('Peers can now see your address and tip you.')
    } catch (error) {
      notices.alert(describeError(error, 'Your address could not be shared'))
    } finally {
      this.#sharing = false
    }
  }

  #use(identity: TippingIdentity | null): void {
    this.#identity = identity
    this.#ledger?.setIdentity(identity)
  }
}

export const tipping = new TippingStore()
