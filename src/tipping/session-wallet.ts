/**
 * The session wallet: a key generated in this page that holds a tipping session's budget. It signs
 * automatic tips and the final sweep without any prompt; it never signs anything else.
 */
import { headBalanceSun } from '../tron/chain'
import { networkById } from '../tron/networks'
import { nodeClient } from '../tron/node-client'
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
      return await tronWeb.trx.sign(transaction as never, session.wallet.privateKey)
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
  if (balanceSun <= 0) return null
  const feeFor = async (amountSun: number) =>
    (await prepareTip(connection, { to: session.owner, amountSun })).estimate.feeSun
  // A smaller amount can be a byte shorter, so cheaper: take the larger amount when its own fee fits.
  const safeSun = balanceSun - (await feeFor(balanceSun))
  if (safeSun <= 0) return null
  const fullerSun = balanceSun - (await feeFor(safeSun))
  const amountSun =
    fullerSun > safeSun && fullerSun + (await feeFor(fullerSun)) <= balanceSun ? fullerSun : safeSun
  return { to: session.owner, amountSun, purpose: 'sweep' }
}
