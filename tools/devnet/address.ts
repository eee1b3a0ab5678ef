/**
 * TRON addresses: 21 bytes (0x41 + 20), written as hex ("41…") or base58check ("T…"). java-tron's
 * JSON uses hex unless the request says `visible: true`.
 */
import { utils } from 'tronweb'
import { bytesToHex, hexToBytes, isHex } from './bytes.ts'

export const ADDRESS_PREFIX = 0x41
export const ADDRESS_LENGTH = 21

/** What java-tron's DecodeUtil.addressValid accepts: 21 bytes starting with 0x41. */
export function isValidAddress(address: Uint8Array): boolean {
  return address.length === ADDRESS_LENGTH && address[0] === ADDRESS_PREFIX
}

export function toBase58(address: Uint8Array): string {
  return utils.crypto.getBase58CheckAddress(Array.from(address))
}

/** The hex form java-tron prints: lower case, with the 41 prefix. */
export function toHexAddress(address: Uint8Array): string {
  return bytesToHex(address)
}

/** An address as the client would like to read it back. */
export function formatAddress(address: Uint8Array, visible: boolean): string {
  return visible && isValidAddress(address) ? toBase58(address) : toHexAddress(address)
}

/** Reads "T…" base58check or "41…" hex; undefined when it is neither. */
export function parseAddress(text: string): Uint8Array | undefined {
  if (isHex(text)) {
    const bytes = hexToBytes(text)
    return isValidAddress(bytes) ? bytes : undefined
  }
  try {
    const decoded = utils.crypto.decodeBase58Address(text)
    if (decoded === false) return undefined
    const bytes = Uint8Array.from(decoded)
    return isValidAddress(bytes) ? bytes : undefined
  } catch {
    return undefined
  }
}

export function looksLikeBase58(text: string): boolean {
  return /^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(text)
}

export function addressOfPrivateKey(privateKey: string): Uint8Array {
  return Uint8Array.from(utils.crypto.getAddressFromPriKey(Array.from(hexToBytes(privateKey))))
}
