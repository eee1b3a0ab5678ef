/**
 * Why java-tron refuses a broadcast: its Return.response_code and the message it hex-encodes. The
 * message prefixes are the ones Wallet.broadcastTransaction adds, so clients that match on them
 * (TronWeb users, wallets) see what they would see on mainnet.
 */

export type ResponseCode =
  | 'SIGERROR'
  | 'CONTRACT_VALIDATE_ERROR'
  | 'CONTRACT_EXE_ERROR'
  | 'BANDWITH_ERROR'
  | 'DUP_TRANSACTION_ERROR'
  | 'TAPOS_ERROR'
  | 'TOO_BIG_TRANSACTION_ERROR'
  | 'TRANSACTION_EXPIRATION_ERROR'
  | 'SERVER_BUSY'
  | 'OTHER_ERROR'

export class Refusal extends Error {
  constructor(
    readonly code: ResponseCode,
    message: string,
  ) {
    super(message)
  }
}

export const signatureError = (detail: string) =>
  new Refusal('SIGERROR', `Validate signature error: ${detail}`)
export const contractError = (detail: string) =>
  new Refusal('CONTRACT_VALIDATE_ERROR', `Contract validate error : ${detail}`)
/** java-tron hides the detail of AccountResourceInsufficientException behind one fixed message. */
export const bandwidthError = () => new Refusal('BANDWITH_ERROR', 'Account resource insufficient error.')
/** Manager.validateDup's DupTransactionException, as Wallet.broadcastTransaction words it. */
export const duplicateError = () => new Refusal('DUP_TRANSACTION_ERROR', 'Dup transaction.')
/** Wallet.broadcastTransaction's answer from its transaction id cache (node.rpc.trxCacheEnable). */
export const cachedDuplicateError = () => new Refusal('DUP_TRANSACTION_ERROR', 'Transaction already exists.')
export const taposError = () => new Refusal('TAPOS_ERROR', 'Tapos check error.')
export const expirationError = () => new Refusal('TRANSACTION_EXPIRATION_ERROR', 'Transaction expired')
export const otherError = (detail: string) => new Refusal('OTHER_ERROR', `Error: ${detail}`)
