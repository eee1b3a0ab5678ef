/**
 * The session wallet: the key that holds a tipping session's budget. It signs automatic tips and the
 * final sweep without any prompt; it never signs anything else.
 *
 * The key is not random: it is derived from the owner's signature of a fixed text naming the app,
 * the network and the owner (`sessionKeyMessage`). TronLink signs deterministically (RFC 6979), so
 * the same wallet always gives the same signature, hence the same key: a budget left in a session
 * wallet can be recovered on any device with the wallet alone, whatever happened to browser storage.
 * The stored copy is a cache that spares a prompt per session.
 */
import { networkById } from '../tron/networks'
import { nodeClient } from '../tron/node-client'
import type { Signer } from '../tron/tip-pipeline'
import type { WalletConnection } from '../tron/wallet'
import type { SessionWalletKey, TippingSession } from './session'

/** The app's name in the text: changing it (or the version) changes every user's session wallet. */
const KEY_TEXT_APP = 'Tipping Torrent'
const KEY_TEXT_VERSION = 'v1'

/** secp256k1's group order: a private key is an integer in [1, n - 1]. */
const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

/**
 * The text whose signature is the session wallet's key. Its first line fixes the derivation; the
 * second is for the person reading it in the wallet's prompt: a site that gets this text signed
 * learns the key, so it says where it may be signed and what it gives.
 */
export function sessionKeyMessage(origin: string, chainId: string, owner: string): string {
  return (
    `${KEY_TEXT_APP} session key ${KEY_TEXT_VERSION} / ${chainId} / ${owner}\n` +
    `Sign this only on ${origin}: the signature is the key of your tipping session wallet, ` +
    `and whoever has it can spend what that wallet holds.`
  )
}

/**
 * The private key (64 hex digits) for a signature of `sessionKeyMessage`: sha256 of the signature's
 * bytes, hashed again in the (astronomically rare) case it is not a valid secp256k1 key.
 */
export async function sessionKeyFromSignature(signature: string): Promise<string> {
  const hex = signature.replace(/^0x/i, '')
  if (!/^([0-9a-f]{2})+$/i.test(hex) || hex.length < 128) {
    throw new Error('The wallet did not return a signature')
  }
  let digest = await sha256(hexToBytes(hex))
  while (!isValidKey(digest)) digest = await sha256(digest)
  return bytesToHex(digest)
}

export async function sessionWalletFromSignature(signature: string): Promise<SessionWalletKey> {
  const privateKey = await sessionKeyFromSignature(signature)
  const { utils } = await import('tronweb')
  const address = utils.address.fromPrivateKey(privateKey)
  if (!address) throw new Error('The derived session key has no address')
  return { address, privateKey, derived: true }
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

export function isValidKey(bytes: Uint8Array): boolean {
  const value = BigInt(`0x${bytesToHex(bytes)}`)
  return value > 0n && value < SECP256K1_ORDER
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
}

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2)
  for (let index = 0; index < bytes.length; index++)
    bytes[index] = parseInt(hex.slice(2 * index, 2 * index + 2), 16)
  return bytes
}

function bytesToHex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}
