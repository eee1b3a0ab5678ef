/**
 * A TronLink-compatible wallet for the end-to-end tests. The page sees what TronLink injects: a
 * TIP-6963 announcement of a provider named "TronLink", `window.tron` (TIP-1193: `request`, `on`,
 * `removeListener`, `tronWeb`), the legacy `window.tronLink` and `window.tronWeb`. Keys never enter
 * the page: signing happens here in Node with a real TronWeb, as TronLink signs in its extension.
 *
 * The test plays the user: approve or decline prompts, lock the wallet, switch account or network.
 */
import type { BrowserContext } from '@playwright/test'
import { TronWeb, Trx } from 'tronweb'

export interface WalletAccount {
  name: string
  privateKey: string
  address: string
}

/** What the page is told about the wallet. */
interface PublicState {
  authorised: boolean
  address: string | null
  hex: string | null
  nodeUrl: string
  solidityUrl: string
  chainId: string | null
}

type Reply = { value: unknown } | { error: { code: number; message: string } }

export class TestWallet {
  /** 'approve' signs and connects; 'reject' declines as a user pressing Cancel would. */
  answer: 'approve' | 'reject' = 'approve'
  locked = false
  /** Every time the wallet would have shown a popup. */
  prompts = 0
  /** Transactions actually signed. */
  signatures = 0
  #authorised = false
  #account: WalletAccount
  #nodeUrl: string
  #chainId: string | null = null
  /**
   * The solidity node the wallet reports (TronLink's `solidityNode`); null: the full node's URL, as
   * TronGrid serves both on one host.
   */
  solidityUrl: string | null = null
  /** Called after each signature; a test uses it to crash the page at that moment. */
  onSigned: (() => Promise<void>) | null = null

  private constructor(
    private readonly context: BrowserContext,
    private readonly accounts: readonly WalletAccount[],
    account: string,
    nodeUrl: string,
  ) {
    this.#account = this.#find(account)
    this.#nodeUrl = nodeUrl
  }

  static async install(
    context: BrowserContext,
    accounts: readonly WalletAccount[],
    account: string,
    nodeUrl: string,
  ): Promise<TestWallet> {
    const wallet = new TestWallet(context, accounts, account, nodeUrl)
    await context.exposeBinding('__tronTestWallet', (_source, operation: string, argument: unknown) =>
      wallet.#handle(operation, argument),
    )
    await context.addInitScript(injectProvider)
    return wallet
  }

  get address(): string {
    return this.#account.address
  }

  async switchAccount(name: string): Promise<void> {
    this.#account = this.#find(name)
    await this.#emit('accountsChanged')
  }

  async switchNetwork(nodeUrl: string): Promise<void> {
    this.#nodeUrl = nodeUrl
    this.solidityUrl = null
    this.#chainId = null
    await this.#emit('chainChanged')
  }

  async lock(): Promise<void> {
    this.locked = true
    await this.#emit('accountsChanged')
  }

  #find(name: string): WalletAccount {
    const account = this.accounts.find((candidate) => candidate.name === name)
    if (!account) throw new Error(`No test account named ${name}`)
    return account
  }

  async #state(): Promise<PublicState> {
    const visible = this.#authorised && !this.locked
    this.#chainId ??= await this.#readChainId().catch(() => null)
    return {
      authorised: visible,
      address: visible ? this.#account.address : null,
      hex: visible ? TronWeb.address.toHex(this.#account.address) : null,
      nodeUrl: this.#nodeUrl,
      solidityUrl: this.solidityUrl ?? this.#nodeUrl,
      chainId: this.#chainId,
    }
  }

  async #readChainId(): Promise<string> {
    const block = (await new TronWeb({ fullHost: this.#nodeUrl }).trx.getBlockByNumber(0)) as {
      blockID: string
    }
    return `0x${block.blockID.slice(-8)}`
  }

  async #emit(event: 'accountsChanged' | 'chainChanged'): Promise<void> {
    const state = await this.#state()
    for (const page of this.context.pages()) {
      await page.evaluate(
        ([name, published]) =>
          (window as unknown as TestWalletWindow).__tronTestWalletEmit?.(name, published),
        [event, state] as const,
      )
    }
  }

  async #handle(operation: string, argument: unknown): Promise<Reply> {
    try {
      switch (operation) {
        case 'state':
          return { value: await this.#state() }
        case 'requestAccounts':
          this.prompts++
          if (this.locked) return { error: { code: 4100, message: 'The wallet is locked' } }
          if (this.answer === 'reject') return { error: { code: 4001, message: 'User rejected request' } }
          this.#authorised = true
          return { value: [this.#account.address] }
        case 'sign': {
          this.prompts++
          if (this.locked) return { error: { code: 4100, message: 'The wallet is locked' } }
          if (this.answer === 'reject')
            return { error: { code: 4001, message: 'Confirmation declined by user' } }
          const tronWeb = new TronWeb({ fullHost: this.#nodeUrl })
          const signed = await tronWeb.trx.sign(argument as never, this.#account.privateKey)
          this.signatures++
          await this.onSigned?.()
          return { value: signed }
        }
        case 'signMessage': {
          this.prompts++
          if (this.locked) return { error: { code: 4100, message: 'The wallet is locked' } }
          if (this.answer === 'reject')
            return { error: { code: 4001, message: 'Confirmation declined by user' } }
          // Deterministic (RFC 6979), as TronLink's: the app derives the session wallet's key from
          // this signature, and recovers it by asking for the same signature again.
          return { value: Trx.signMessageV2(String(argument), this.#account.privateKey) }
        }
        case 'getBlockByNumber':
          return {
            value: await new TronWeb({ fullHost: this.#nodeUrl }).trx.getBlockByNumber(Number(argument)),
          }
        default:
          return { error: { code: 4200, message: `Unsupported method ${operation}` } }
      }
    } catch (error) {
      return { error: { code: -32603, message: error instanceof Error ? error.message : String(error) } }
    }
  }
}

interface TestWalletWindow {
  __tronTestWallet(operation: string, argument?: unknown): Promise<Reply>
  __tronTestWalletEmit?: (event: string, state: PublicState) => void
  tron?: unknown
  tronLink?: unknown
  tronWeb?: unknown
}

/** Runs in the page before its own scripts, like an extension's content script. */
function injectProvider(): void {
  const page = window as unknown as TestWalletWindow
  const call = async (operation: string, argument?: unknown): Promise<unknown> => {
    const reply = await page.__tronTestWallet(operation, argument)
    if ('error' in reply) throw Object.assign(new Error(reply.error.message), { code: reply.error.code })
    return reply.value
  }
  const listeners = new Map<string, Set<(data: unknown) => void>>([
    ['accountsChanged', new Set()],
    ['chainChanged', new Set()],
  ])
  const tronWeb = {
    ready: false,
    defaultAddress: { base58: false as string | false, hex: false as string | false },
    fullNode: { host: '' },
    solidityNode: { host: '' },
    eventServer: { host: '' },
    trx: {
      sign: (transaction: unknown) => call('sign', transaction),
      signMessageV2: (message: string) => call('signMessage', message),
      getBlockByNumber: (number: number) => call('getBlockByNumber', number),
    },
  }
  const provider = {
    isTronLink: true,
    tronWeb: false as false | typeof tronWeb,
    async request({ method }: { method: string }): Promise<unknown> {
      if (method !== 'eth_requestAccounts')
        throw Object.assign(new Error('Unsupported method'), { code: 4200 })
      const accounts = await call('requestAccounts')
      apply((await call('state')) as PublicState)
      return accounts
    },
    on(event: string, listener: (data: unknown) => void) {
      listeners.get(event)?.add(listener)
    },
    removeListener(event: string, listener: (data: unknown) => void) {
      listeners.get(event)?.delete(listener)
    },
  }
  const apply = (state: PublicState) => {
    tronWeb.defaultAddress = state.address
      ? { base58: state.address, hex: state.hex ?? false }
      : { base58: false, hex: false }
    tronWeb.fullNode.host = state.nodeUrl
    tronWeb.solidityNode.host = state.solidityUrl
    tronWeb.eventServer.host = state.nodeUrl
    tronWeb.ready = state.authorised
    provider.tronWeb = state.authorised ? tronWeb : false
  }
  page.__tronTestWalletEmit = (event, state) => {
    apply(state)
    const data = event === 'chainChanged' ? { chainId: state.chainId } : state.address ? [state.address] : []
    for (const listener of listeners.get(event) ?? []) listener(data)
  }
  const announce = () =>
    window.dispatchEvent(
      new CustomEvent('TIP6963:announceProvider', {
        detail: Object.freeze({
          info: { uuid: 'test-wallet', name: 'TronLink', icon: '', rdns: 'org.tronlink.www' },
          provider,
        }),
      }),
    )
  const ready = call('state').then((state) => apply(state as PublicState))
  window.addEventListener('TIP6963:requestProvider', () => void ready.then(announce))
  page.tron = provider
  page.tronLink = {
    get ready() {
      return tronWeb.ready
    },
    request: (args: { method: string }) => provider.request(args),
    get tronWeb() {
      return provider.tronWeb
    },
  }
  Object.defineProperty(window, 'tronWeb', { configurable: true, get: () => provider.tronWeb })
  void ready.then(announce)
}
