/**
 * What java-tron charges a plain TRX transfer for its bandwidth, in the order its
 * BandwidthProcessor tries the sources: the sender's staked bandwidth first, then the free daily
 * allowance, then burning TRX. A transfer that creates its recipient never uses the free allowance:
 * staked bandwidth (bytes × the creation rate) or a flat fee, plus the 1 TRX the transfer itself
 * charges for the new account. Pure, so the rule is tested apart from any node.
 */
export interface BandwidthFees {
  /** Sun burned per byte when no bandwidth is left (mainnet: 1 000). */
  getTransactionFee: number
  /** Flat fee for creating an account when staked bandwidth does not cover it (mainnet: 0.1 TRX). */
  getCreateAccountFee: number
  /** Charged by the transfer itself when it creates its recipient (mainnet: 1 TRX). */
  getCreateNewAccountFeeInSystemContract: number
  /** How many bandwidth points per byte an account creation takes from staked bandwidth (mainnet: 1). */
  getCreateNewAccountBandwidthRate: number
}

export interface SenderBandwidth {
  /** Staked bandwidth left (java-tron's NetLimit − NetUsed), recovered to the head slot. */
  stakedLeft: number
  /** Free daily bandwidth left (freeNetLimit − freeNetUsed). */
  freeLeft: number
}

export function transferFeeSun(
  bytes: number,
  sender: SenderBandwidth,
  recipientExists: boolean,
  fees: BandwidthFees,
): number {
  if (!recipientExists) {
    const creationBytes = bytes * fees.getCreateNewAccountBandwidthRate
    const bandwidthPart = creationBytes <= sender.stakedLeft ? 0 : fees.getCreateAccountFee
    return bandwidthPart + fees.getCreateNewAccountFeeInSystemContract
  }
  if (bytes <= sender.stakedLeft) return 0
  // The free allowance also draws on the network's public pool; on mainnet it is far larger than
  // what accounts use, so a transfer the allowance covers is taken as free.
  if (bytes <= sender.freeLeft) return 0
  return bytes * fees.getTransactionFee
}
