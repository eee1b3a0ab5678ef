/** Shared by the devnet's tests: a fast devnet, a TronWeb on it, and small request helpers. */
import { TronWeb, utils, type Types } from 'tronweb'
import { loadAccounts, type FundedAccount } from './accounts.ts'
import { startDevnet, type RunningDevnet } from './server.ts'

export type Json = Record<string, unknown>

export const SUN_PER_TRX = 1_000_000

export function devAccount(name: string): FundedAccount {
  const account = loadAccounts().find((candidate) => candidate.name === name)
  if (!account) throw new Error(`no dev account ${name}`)
  return account
}

/** A devnet with 100 ms blocks (solidified 3 blocks behind) and a TronWeb pointed at it. */
export async function startTestDevnet(
  blockIntervalMs = 100,
): Promise<{ devnet: RunningDevnet; tronWeb: TronWeb }> {
  const devnet = await startDevnet({ port: 0, blockIntervalMs })
  return { devnet, tronWeb: new TronWeb({ fullHost: devnet.url }) }
}

export async function post(devnet: RunningDevnet, path: string, body: unknown): Promise<Json> {
  const response = await fetch(`${devnet.url}${path}`, { method: 'POST', body: JSON.stringify(body) })
  return (await response.json()) as Json
}

/** A signed TRX transfer, built and signed by TronWeb as the app does. */
export async function signedTransfer(
  tronWeb: TronWeb,
  from: { address: string; privateKey: string },
  to: string,
  amountSun: number,
): Promise<Types.SignedTransaction> {
  const tx = await tronWeb.transactionBuilder.sendTrx(to, amountSun, from.address)
  return tronWeb.trx.sign(tx, from.privateKey)
}

/**
 * After editing raw_data: recomputes raw_data_hex and txID the way TronWeb does, and drops the old
 * signature (sign again to get a well-formed transaction with the edited content).
 */
export function rebuilt(
  tx: Types.Transaction,
  edit: (raw: Types.Transaction['raw_data']) => void,
): Types.Transaction {
  const copy = structuredClone(tx) as Types.Transaction & { signature?: string[] }
  edit(copy.raw_data)
  delete copy.signature
  const pb: unknown = utils.transaction.txJsonToPb(copy)
  copy.raw_data_hex = utils.transaction.txPbToRawDataHex(pb).toLowerCase()
  copy.txID = utils.transaction.txPbToTxID(pb).replace(/^0x/, '')
  return copy
}

/** Waits until walletsolidity/gettransactioninfobyid knows the transaction (TronWeb's confirmation). */
export async function confirmed(
  tronWeb: TronWeb,
  txid: string,
  timeoutMs = 5_000,
): Promise<Types.TransactionInfo> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const info = await tronWeb.trx.getTransactionInfo(txid)
    if (Object.keys(info).length > 0) return info
    if (Date.now() > deadline) throw new Error(`transaction ${txid} not solidified in ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** java-tron hex-encodes broadcast messages. */
export function decodeMessage(hex: unknown): string {
  return typeof hex === 'string' ? Buffer.from(hex, 'hex').toString('utf8') : ''
}

/** Bandwidth java-tron bills: Transaction{raw_data, signature…} without ret, plus 64 result bytes. */
export function bandwidthBytes(tx: Types.SignedTransaction): number {
  const field = (length: number) => 1 + (length < 128 ? 1 : 2) + length
  const raw = tx.raw_data_hex.length / 2
  return field(raw) + tx.signature.reduce((total, signature) => total + field(signature.length / 2), 0) + 64
}
