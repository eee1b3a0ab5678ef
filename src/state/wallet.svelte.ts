/** The connected wallet as the UI sees it: address, network, balance, and what went wrong. */
import { t } from '../i18n/translate'
import { headBalanceSun } from '../tron/chain'
import type { Receipt } from '../tron/receipt'
import type { TronLinkWallet, WalletConnection, WalletEvent } from '../tron/wallet'
import { GET_TRONLINK_URL, WalletProblemError, classifyWalletError } from '../tron/wallet-errors'
import { notices } from './notices.svelte'

/** Remembers that the user connected, so a reload reconnects without asking (TronLink permitting). */
const AUTO_CONNECT_KEY = 'wallet:auto-connect'
const BALANCE_REFRESH_MS = 10_000

export type WalletStatus = 'disconnected' | 'connecting' | 'connected' | 'locked'

class WalletStore {
  #wallet: TronLinkWallet | null = null
  #status = $state<WalletStatus>('disconnected')
  #connection = $state<WalletConnection | null>(null)
  #balanceSun = $state<number | null>(null)
  #balanceTimer: ReturnType<typeof setInterval> | null = null

  get status(): WalletStatus {
    return this.#status
  }
  get connection(): WalletConnection | null {
    return this.#connection
  }
  get balanceSun(): number | null {
    return this.#balanceSun
  }
  get signer(): TronLinkWallet {
    if (!this.#wallet) throw new Error('The wallet store is used before main.ts attached it')
    return this.#wallet
  }

  /** The wallet adapter, made by main.ts with the listener this store mirrors. */
  attach(create: (onEvent: (event: WalletEvent) => void) => TronLinkWallet): void {
    this.#wallet = create((event) => this.#onEvent(event))
  }

  /** A payment to or from this wallet landed: its balance changed. */
  paymentConfirmed(receipt: Receipt): void {
    const address = this.#connection?.address
    if (address && (receipt.from === address || receipt.to === address)) void this.refreshBalance()
  }

  /** On page load: reconnects if the user was connected before. Loads nothing otherwise. */
  async restore(): Promise<void> {
    if (localStorage.getItem(AUTO_CONNECT_KEY) !== '1') return
    this.#status = 'connecting'
    try {
      const connection = await this.signer.restore()
      if (!connection) this.#status = 'disconnected'
    } catch (error) {
      this.#status = 'disconnected'
      this.#report(error)
    }
  }

  async connect(): Promise<void> {
    this.#status = 'connecting'
    try {
      await this.signer.connect()
      localStorage.setItem(AUTO_CONNECT_KEY, '1')
    } catch (error) {
      this.#status = classifyWalletError(error).problem === 'locked' ? 'locked' : 'disconnected'
      this.#report(error)
    }
  }

  async disconnect(): Promise<void> {
    localStorage.removeItem(AUTO_CONNECT_KEY)
    await this.signer.disconnect()
    this.#clear('disconnected')
  }

  async refreshBalance(): Promise<void> {
    const connection = this.#connection
    if (!connection) return
    try {
      const balance = await headBalanceSun(connection.nodeUrl, connection.address)
      // The account may have changed while the node answered.
      if (this.#connection?.address === connection.address) this.#balanceSun = balance
    } catch (error) {
      this.#report(classifyWalletError(error, connection.nodeUrl))
    }
  }

  #onEvent(event: WalletEvent): void {
    switch (event.type) {
      case 'connected':
      case 'changed':
        this.#connection = event.connection
        this.#status = 'connected'
        this.#balanceSun = null
        if (event.connection.nodeProblem) {
          // The page cannot use this node: say why, and do not poll it for a balance it cannot read.
          notices.alert(event.connection.nodeProblem)
          break
        }
        if (!event.connection.network) {
          notices.alert(t('wallet.otherNetwork', { chain: event.connection.chainId }))
        }
        void this.refreshBalance()
        this.#startBalanceRefresh()
        break
      case 'locked':
        this.#clear('locked')
        notices.alert(t('wallet.lockedAlert'))
        break
      case 'disconnected':
        this.#clear('disconnected')
        break
      case 'error':
        this.#report(event.error)
        break
    }
  }

  #clear(status: WalletStatus): void {
    this.#status = status
    this.#connection = null
    this.#balanceSun = null
    if (this.#balanceTimer) clearInterval(this.#balanceTimer)
    this.#balanceTimer = null
  }

  #startBalanceRefresh(): void {
    if (this.#balanceTimer) return
    this.#balanceTimer = setInterval(() => void this.refreshBalance(), BALANCE_REFRESH_MS)
  }

  #report(error: unknown): void {
    const problem = error instanceof WalletProblemError ? error : classifyWalletError(error)
    notices.alert(
      problem.message,
      problem.problem === 'not-installed'
        ? { href: GET_TRONLINK_URL, label: t('wallet.getTronLink') }
        : undefined,
    )
  }
}

export const wallet = new WalletStore()
