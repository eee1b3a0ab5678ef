/** secp256k1 over a 32-byte digest, as TRON signs transactions (r ‖ s ‖ v, 65 bytes). TronWeb's own code. */
import { utils } from 'tronweb'
import { bytesToHex, hexToBytes } from './bytes.ts'

/** The 21-byte address whose key made `signature`; throws when the signature is not a valid one. */
export function recoverSigner(digest: Uint8Array, signature: Uint8Array): Uint8Array {
  const recovered = utils.crypto.ecRecover(bytesToHex(digest), bytesToHex(signature))
  return hexToBytes(recovered.toLowerCase())
}

export function signDigest(digest: Uint8Array, privateKey: string): string {
  return utils.crypto.ECKeySign(Array.from(digest), Array.from(hexToBytes(privateKey))).toLowerCase()
}
