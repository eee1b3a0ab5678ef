/** A payment from a peer to this client, checked on chain: what "Tips received" lists. */
export interface ReceivedTip {
  txId: string
  at: number
  chainId: string
  infoHash: string
  peerId: string
  from: string
  amountSun: number
}

/** A stored record that can be read as a received tip. */
export function isReceivedTip(value: unknown): value is ReceivedTip {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    typeof record.txId === 'string' &&
    typeof record.from === 'string' &&
    typeof record.infoHash === 'string' &&
    typeof record.peerId === 'string' &&
    typeof record.chainId === 'string' &&
    typeof record.at === 'number' &&
    Number.isSafeInteger(record.amountSun)
  )
}
