/**
 * The check that a signed transaction says in JSON what it says in bytes. java-tron executes the JSON
 * `raw_data` of a broadcast and ignores `raw_data_hex`; the receipt records the txID of the hex. A
 * wallet returning other JSON with a valid signature would pay under another id (or someone else)
 * and the receipt would never reconcile, so the JSON is encoded again (TronWeb's protobuf code) and
 * compared with the hex, and the id recomputed, before anything is broadcast.
 */
import type { SignedTransaction } from './receipt'

export async function rawDataMatches(transaction: SignedTransaction): Promise<boolean> {
  const { utils } = await import('tronweb')
  try {
    return utils.transaction.txCheck(transaction)
  } catch {
    // JSON that does not even encode is not the transaction that was built.
    return false
  }
}
