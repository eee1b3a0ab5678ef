/**
 * The session key's derivation from a wallet signature, with TronWeb's real TIP-191 signing (the one
 * the end-to-end test wallet uses, as TronLink does). Nothing is faked.
 */
import { describe, expect, it } from 'vitest'
import { Trx, utils } from 'tronweb'
import {
  isValidKey,
  sessionKeyFromSignature,
  sessionKeyMessage,
  sessionWalletFromSignature,
} from './session-wallet'

/** A devnet test account's key (public, in tools/devnet/accounts.json). */
const OWNER_KEY = '0000000000000000000000000000000000000000000000000000000000000001'
const OWNER = utils.address.fromPrivateKey(OWNER_KEY) as string
const ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

describe('the session key', () => {
  const message = sessionKeyMessage('https://tipping.example', '0x2b6653dc', OWNER)

  it('names the app, the network, the owner, the origin and what the signature gives', () => {
    expect(message.split('\n')[0]).toBe(`Tipping Torrent session key v1 / 0x2b6653dc / ${OWNER}`)
    expect(message).toContain('Sign this only on https://tipping.example')
  })

  it('is the same for every signature of the same text by the same wallet (RFC 6979 signing)', async () => {
    const first = Trx.signMessageV2(message, OWNER_KEY)
    const second = Trx.signMessageV2(message, OWNER_KEY)
    expect(second).toBe(first)
    const wallet = await sessionWalletFromSignature(first)
    expect(await sessionWalletFromSignature(second)).toEqual(wallet)
    expect(wallet.address).toBe(utils.address.fromPrivateKey(wallet.privateKey))
    expect(wallet.address).not.toBe(OWNER)
    expect(wallet.derived).toBe(true)
  })

  it('differs per network and per owner', async () => {
    const other = sessionKeyMessage('https://tipping.example', '0xcd8690dc', OWNER)
    const a = await sessionKeyFromSignature(Trx.signMessageV2(message, OWNER_KEY))
    const b = await sessionKeyFromSignature(Trx.signMessageV2(other, OWNER_KEY))
    expect(a).not.toBe(b)
  })

  it('is always a valid secp256k1 key: 0 and the group order and above are not', () => {
    const bytes = (value: bigint) =>
      Uint8Array.from(value.toString(16).padStart(64, '0').match(/../g)!, (h) => parseInt(h, 16))
    expect(isValidKey(bytes(0n))).toBe(false)
    expect(isValidKey(bytes(ORDER))).toBe(false)
    expect(isValidKey(bytes(ORDER - 1n))).toBe(true)
    expect(isValidKey(bytes(1n))).toBe(true)
  })

  it('refuses what is not a signature', async () => {
    await expect(sessionKeyFromSignature('')).rejects.toThrow()
    await expect(sessionKeyFromSignature('0x1234')).rejects.toThrow()
  })
})
