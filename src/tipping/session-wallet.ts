/**
 * The session wallet: a key generated in this page that holds a tipping session's budget. It signs
 * automatic tips and the final sweep without any prompt; it never signs anything else.
 */
import { headBalanceSun } from '../tron/chain'
import { networkById } from '../tron/networks'
import { nodeClient } from '../tron/node-client'
import type { Receipt, SignedTransaction } from '../tron/receipt'
import { prepareTip, type Signer, type TipRequest } from '../tron/tip-pipeline'
import type { WalletConnection } from '../tron/wallet'
import type { TippingSession } from './session'

export async function generateSessionWallet(): Promise<{ address: string; privateKey: string }> {
  const { utils } = await import('tronweb')
  const account = utils.accounts.generateAccount()
  return { address: account.address.base58, privateKey: account.privateKey }
}

/** The session wallet seen as a wallet connection, so that the manual-tip pipeline can pay from it. */
export function sessionConnection(session: TippingSession): WalletConnection {
  return {
    address: session.wallet.address,
    chainId: session.chainId,
    network: networkById(session.networkId),
    nodeUrl: session.nodeUrl,
  }
}

export function sessionSigner(session: TippingSession): Signer {
  return {
    async sign(transaction) {
      const tronWeb = await nodeClient(session.nodeUrl)
      return (await tronWeb.trx.sign(
        transaction as never,
        session.wallet.privateKey,
      )) as unknown as SignedTransaction
    },
  }
}

/**
 * The sweep that returns what is left to the owner: the whole balance minus the transfer's fee, or
 * null when the fee would take it all. The fee is priced on the amount actually sent, because the
 * amount's size changes the transaction's bytes.
 */
export async function sweepRequest(session: TippingSession): Promise<TipRequest | null> {
  const connection = sessionConnection(session)
  const balanceSun = await headBalanceSun(session.nodeUrl, session.wallet.address)
  let amountSun = balanceSun
  for (let attempt = 0; attempt < 2 && amountSun > 0; attempt++) {
    const { estimate } = await prepareTip(connection, { to: session.owner, amountSun })
    amountSun = Math.min(amountSun, balanceSun - estimate.feeSun)
  }
  return amountSun > 0 ? { to: session.owner, amountSun, purpose: 'sweep' } : null
}

/** The receipts of a session's own money moving: its funding, and its sweep. */
export function fundingReceipt(session: TippingSession, receipts: readonly Receipt[]): Receipt | undefined {
  return receipts.find(
    (receipt) =>
      receipt.purpose === 'funding' &&
      receipt.to === session.wallet.address &&
      receipt.from === session.owner &&
      receipt.createdAt >= session.createdAt,
  )
}

export function sweepReceipts(session: TippingSession, receipts: readonly Receipt[]): Receipt[] {
  return receipts.filter(
    (receipt) =>
      receipt.purpose === 'sweep' &&
      receipt.from === session.wallet.address &&
      receipt.createdAt >= session.createdAt,
  )
}
