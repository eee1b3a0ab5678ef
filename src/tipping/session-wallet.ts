/**
 * The session wallet: a key generated in this page that holds a tipping session's budget. It signs
 * automatic tips and the final sweep without any prompt; it never signs anything else.
 */
import { networkById } from '../tron/networks'
import { nodeClient } from '../tron/node-client'
import type { Signer } from '../tron/tip-pipeline'
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
