/**
 * The sweep that returns what is left of a session wallet to its owner: the whole balance minus the
 * transfer's fee, or null when the fee would take it all. The fee is priced on the amount actually
 * sent, because the amount's size changes the transaction's bytes.
 */
import { sessionConnection } from '../tipping/session-wallet'
import type { TippingSession } from '../tipping/session'
import type { TipRequest } from '../tron/tip-pipeline'
import type { ChainPort } from './ports'

export async function sweepRequest(chain: ChainPort, session: TippingSession): Promise<TipRequest | null> {
  const connection = sessionConnection(session)
  const balanceSun = await chain.balanceSun(session.nodeUrl, session.wallet.address)
  if (balanceSun <= 0) return null
  const feeFor = async (amountSun: number) =>
    (await chain.buildTransfer(connection, { to: session.owner, amountSun })).estimate.feeSun
  // A smaller amount can be a byte shorter, so cheaper: take the larger amount when its own fee fits.
  const safeSun = balanceSun - (await feeFor(balanceSun))
  if (safeSun <= 0) return null
  const fullerSun = balanceSun - (await feeFor(safeSun))
  const amountSun =
    fullerSun > safeSun && fullerSun + (await feeFor(fullerSun)) <= balanceSun ? fullerSun : safeSun
  return { to: session.owner, amountSun, purpose: 'sweep' }
}
