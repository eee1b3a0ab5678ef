/**
 * What the workflows of src/core need from the outside world, as interfaces. The browser
 * implementations are wired once, in main.ts; unit tests pass in-memory fakes, so every step of a
 * payment, a session or a torrent's life can be interrupted and resumed without a browser, a wallet,
 * a node or WebTorrent. The engine port is `TorrentEngine` (src/torrent/engine/engine.ts).
 */
import type { LibraryEntry } from '../db/library-db'
import type { FeeEstimate, BroadcastOutcome } from '../tron/chain'
import type { ChainView, Receipt, SignedTransaction } from '../tron/receipt'
import type { TipRequest, Signer, BuiltTransfer, BuildOptions } from '../tron/tip-pipeline'
import type { WalletConnection } from '../tron/wallet'
import type { SessionWalletKey, TippingSession } from '../tipping/session'

export type {
  FeeEstimate,
  BroadcastOutcome,
  BuildOptions,
  ChainView,
  Receipt,
  SignedTransaction,
  TipRequest,
  Signer,
}

/** Time, and waiting for it: the only way the workflows wait or poll. */
export { systemClock, sleep, type Clock } from '../shared/poll'

/** Named locks shared by every tab of the app (Web Locks in the browser). */
export interface Locks {
  /**
   * Runs `work` holding the lock. With `ifAvailable`, resolves null without running it when another
   * holder has the lock; otherwise waits for it.
   */
  run<T>(name: string, work: () => Promise<T>, options?: { ifAvailable?: boolean }): Promise<T | null>
  /** Takes the lock if it is free and keeps it until the returned release is called; null if taken. */
  hold(name: string): Promise<(() => void) | null>
}

/** A TRON node, as the money workflows use it. Unreachable nodes throw (see `isNodeAway`). */
export interface ChainPort {
  /** Builds a transfer from `connection` and prices it; throws a WalletProblemError the user can read. */
  buildTransfer(
    connection: WalletConnection,
    request: TipRequest,
    options?: BuildOptions,
  ): Promise<BuiltTransfer>
  /**
   * Whether a signed transaction's JSON `raw_data` (what java-tron executes) encodes to its
   * `raw_data_hex` and its txID (what was recorded and signed). Computed in the page, no node asked.
   */
  rawDataMatches(transaction: SignedTransaction): Promise<boolean>
  /** Throws NodeBusyError when the node asks to retry later. */
  broadcast(nodeUrl: string, transaction: SignedTransaction): Promise<BroadcastOutcome>
  /** Any error means "ask again later": the caller never reads one as "not on chain". */
  view(nodeUrl: string, txId: string): Promise<ChainView>
  /** The head (not solidified) balance of an address, in sun. */
  balanceSun(nodeUrl: string, address: string): Promise<number>
  isActivated(nodeUrl: string, address: string): Promise<boolean>
  /** What a plain transfer burns once free bandwidth is used up. */
  transferBurnSun(nodeUrl: string): Promise<number>
}

export interface ReceiptRepository {
  /** Every stored receipt, oldest first. */
  all(): Promise<Receipt[]>
  get(id: string): Promise<Receipt | undefined>
  put(receipt: Receipt): Promise<void>
}

export interface SessionRepository {
  /** Every stored session, newest first. */
  all(): Promise<TippingSession[]>
  put(session: TippingSession): Promise<void>
}

/**
 * Keys of tipping sessions' wallets: derived in the page from the owner's signature of a fixed text,
 * used only to sign the session's own transfers.
 */
export interface SessionKeys {
  /** The session wallet whose key a signature of `sessionKeyMessage` gives (the same on any device). */
  fromSignature(signature: string): Promise<SessionWalletKey>
  signer(session: TippingSession): Signer
}

/** The user's wallet: signs transactions (the funding) and messages (the session key's setup). */
export interface OwnerWallet extends Signer {
  /** A TIP-191 message signature; deterministic in TronLink (RFC 6979). */
  signMessage(message: string): Promise<string>
}

/** The browser's storage of this site. */
export interface SiteStorage {
  /** Asks that the site's data be kept (not evicted); true when it will be. */
  persist(): Promise<boolean>
}

/** The saved library: one entry per torrent, loaded oldest first. */
export interface LibraryRepository {
  load(): Promise<LibraryEntry[]>
  save(entry: LibraryEntry): Promise<void>
  delete(infoHash: string): Promise<void>
  deleteAll(): Promise<void>
}

/** The browser's storage quota as the storage settings show it. */
export interface StorageQuota {
  /** Asks (without a prompt) that the site's data be kept; once per page load. */
  askToPersistOnce(): Promise<void>
  /** Reads usage and quota again, after something big was stored or deleted. */
  refresh(): Promise<void>
}

/** Where the workflows tell the user things: errors (role="alert") and quiet status lines. */
export interface Notifier {
  alert(message: string): void
  announce(message: string): void
}
