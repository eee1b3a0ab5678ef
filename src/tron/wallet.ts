/**
 * The user's wallet: TronLink, through TRON's TronWallet Adapter (TIP-6963 discovery, then the
 * TIP-1193 `window.tron` provider, then the legacy `window.tronLink`). The adapter is loaded on first
 * use, so a visitor who never touches the wallet never downloads it.
 */
import { stored } from '../i18n/stored-message'
import { t, tStored } from '../i18n/translate'
import type { TronLinkAdapter } from '@tronweb3/tronwallet-adapter-tronlink'
import { checkNode } from './node-check'
import { nodeTransport, setSolidityNode } from './node-client'
import type { NodeSettings } from './node-settings'
import type { Network } from './networks'
import type { SignedTransaction } from './receipt'
import { WalletProblemError, classifyWalletError } from './wallet-errors'

export interface WalletConnection {
  address: string
  chainId: string
  /**
   * null when the wallet is on a network the app does not support, or when the page cannot use the
   * node for tipping (then `nodeProblem` says why).
   */
  network: Network | null
  /**
   * The full node the app uses: the wallet's, or the custom node of the settings. The app builds,
   * broadcasts and confirms through it.
   */
  nodeUrl: string
  /** Where `/walletsolidity` is asked: the wallet's solidity node, or the custom one (default `nodeUrl`). */
  solidityUrl?: string
  /** Why tipping is off with this node (no CORS headers, no `/walletsolidity`, another genesis), or null. */
  nodeProblem?: string | null
}

export type WalletEvent =
  | { type: 'connected'; connection: WalletConnection }
  | { type: 'changed'; connection: WalletConnection }
  /** The wallet forgot this page or was locked: no account is available any more. */
  | { type: 'locked' }
  | { type: 'disconnected' }
  | { type: 'error'; error: WalletProblemError }

/** How long to wait for TronLink to announce itself before saying it is not installed. */
const DETECTION_TIMEOUT_MS = 2_000

/**
 * How long a transfer the user approves in TronLink stays valid: TronWeb's 60 s from the head block
 * fails an approval slower than about 57 s, with nothing paid. java-tron accepts up to 24 h. Longer
 * is not free: a transfer whose broadcast answer was lost is judged "never landed" only this long
 * plus the expiry margin after it was built, and its tip or funding stays pending until then. Five
 * minutes covers reading the prompt, unlocking and a hardware wallet's confirmation.
 */
export const WALLET_APPROVAL_MS = 5 * 60_000

export class TronLinkWallet {
  /** Read by the payment workflow (Signer.validForMs): a person approves each transfer. */
  readonly validForMs = WALLET_APPROVAL_MS

  #adapter: Promise<TronLinkAdapter> | null = null
  #connection: WalletConnection | null = null
  readonly #listener: (event: WalletEvent) => void

  readonly #nodeSettings: () => NodeSettings | null

  /** `nodeSettings`: the user's custom node, if any, used instead of the wallet's. */
  constructor(listener: (event: WalletEvent) => void, nodeSettings: () => NodeSettings | null = () => null) {
    this.#listener = listener
    this.#nodeSettings = nodeSettings
  }

  /** The node settings changed: the connection is worked out and checked again. */
  async reload(): Promise<void> {
    if (this.#connection) await this.#refresh('changed')
  }

  get connection(): WalletConnection | null {
    return this.#connection
  }

  /** Reconnects without a prompt when TronLink already trusts this page; null otherwise. */
  async restore(): Promise<WalletConnection | null> {
    const adapter = await this.#load()
    await waitForDetection(adapter)
    if (!adapter.connected) return null
    return this.#refresh('connected')
  }

  async connect(): Promise<WalletConnection> {
    const adapter = await this.#load()
    try {
      if (!adapter.connected) await adapter.connect()
    } catch (error) {
      throw classifyWalletError(error)
    }
    if (!adapter.connected) throw new WalletProblemError('locked', t('walletError.locked'))
    return this.#refresh('connected')
  }

  async disconnect(): Promise<void> {
    const adapter = await this.#load()
    await adapter.disconnect()
    this.#connection = null
  }

  /** Asks the wallet to sign. The wallet shows the user what is paid, to whom; they may decline. */
  async sign(transaction: SignedTransaction | Record<string, unknown>): Promise<SignedTransaction> {
    const adapter = await this.#load()
    try {
      // The adapter's types for transactions do not resolve; the shape is checked by the pipeline.
      const signed: unknown = await adapter.signTransaction(transaction)
      return signed as SignedTransaction
    } catch (error) {
      throw classifyWalletError(error, this.#connection?.nodeUrl)
    }
  }

  /** A TIP-191 message signature (`signMessageV2`): one popup in TronLink. */
  async signMessage(message: string): Promise<string> {
    const adapter = await this.#load()
    try {
      return await adapter.signMessage(message)
    } catch (error) {
      throw classifyWalletError(error, this.#connection?.nodeUrl)
    }
  }

  async #refresh(kind: 'connected' | 'changed'): Promise<WalletConnection> {
    const adapter = await this.#load()
    const address = adapter.address
    if (!address) throw new WalletProblemError('locked', t('walletError.locked'))
    let info: { chainId: string; fullNode: string; solidityNode: string }
    try {
      info = await adapter.network()
    } catch (error) {
      throw classifyWalletError(error, this.#connection?.nodeUrl)
    }
    const custom = this.#nodeSettings()
    const nodeUrl = custom?.fullNodeUrl ?? info.fullNode
    const solidityUrl = custom?.fullNodeUrl
      ? (custom.solidityNodeUrl ?? custom.fullNodeUrl)
      : info.solidityNode || info.fullNode
    setSolidityNode(nodeUrl, solidityUrl)
    const check = await checkNode(nodeUrl, solidityUrl, info.chainId, {
      request: (host, endpoint, payload, method) => nodeTransport.request(host, endpoint, payload, method),
      answersWithoutCors: (url) => fetch(url, { mode: 'no-cors' }).then(() => true),
    })
    const connection: WalletConnection = {
      address,
      chainId: info.chainId,
      network: check.ok ? check.network : null,
      nodeUrl,
      solidityUrl,
      nodeProblem:
        !check.ok && check.problem !== 'unknown-network'
          ? tStored(stored(check.key, check.params), String)
          : null,
    }
    this.#connection = connection
    this.#listener({ type: kind, connection })
    return connection
  }

  #load(): Promise<TronLinkAdapter> {
    this.#adapter ??= import('@tronweb3/tronwallet-adapter-tronlink').then(({ TronLinkAdapter }) => {
      const adapter = new TronLinkAdapter({
        checkTimeout: DETECTION_TIMEOUT_MS,
        // The app shows its own message with a link; it never opens tabs or app links by itself.
        openUrlWhenWalletNotFound: false,
        openAppWithDeeplink: false,
      })
      this.#follow(adapter)
      return adapter
    })
    return this.#adapter
  }

  #follow(adapter: TronLinkAdapter): void {
    const report = (error: unknown) => this.#listener({ type: 'error', error: classifyWalletError(error) })
    adapter.on('accountsChanged', (address: string) => {
      if (!this.#connection) return
      if (!address) {
        this.#connection = null
        this.#listener({ type: 'locked' })
        return
      }
      this.#refresh('changed').catch(report)
    })
    adapter.on('chainChanged', () => {
      if (this.#connection) this.#refresh('changed').catch(report)
    })
    adapter.on('disconnect', () => {
      if (!this.#connection) return
      this.#connection = null
      this.#listener({ type: 'disconnected' })
    })
  }
}

/** The adapter starts looking for TronLink when it is created; this resolves when it has decided. */
function waitForDetection(adapter: TronLinkAdapter): Promise<void> {
  if (String(adapter.readyState) !== 'Loading') return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      adapter.off('readyStateChanged', done)
      resolve()
    }
    adapter.on('readyStateChanged', done)
    setTimeout(done, DETECTION_TIMEOUT_MS + 500)
  })
}
