/**
 * The devnet's genesis block. Its id is the network's identity: the TronLink adapter names a network
 * '0x' + the last 8 hex digits of block 0's id, and the app keeps tips on one network. So genesis is
 * built from constants only, and a nonce (found once by brute force and kept in accountStateRoot,
 * a header field java-tron leaves empty) makes that suffix read de7e7e70: "devnet", and far from
 * mainnet 0x2b6653dc, Shasta 0x94a9059e and Nile 0xcd8690dc.
 */
import { addressOfPrivateKey } from './address.ts'
import { blockIdOf, type BlockHeaderRaw } from './block.ts'
import { bytesToHex, sha256, uint64BigEndian, utf8Bytes } from './bytes.ts'

/** The only block producer. Its key signs block headers; like every key here it is public. */
export const WITNESS_PRIVATE_KEY = bytesToHex(sha256(utf8Bytes('tipping-torrent devnet witness')))
export const WITNESS_ADDRESS = addressOfPrivateKey(WITNESS_PRIVATE_KEY)

export const GENESIS_NONCE = 1_497_154_319n

export function genesisHeader(nonce: bigint = GENESIS_NONCE): BlockHeaderRaw {
  return {
    timestamp: 0,
    txTrieRoot: new Uint8Array(32),
    parentHash: sha256(utf8Bytes('tipping-torrent devnet: development and test only')),
    number: 0,
    witnessAddress: WITNESS_ADDRESS,
    version: 0,
    accountStateRoot: uint64BigEndian(nonce),
  }
}

export const GENESIS_BLOCK_ID = blockIdOf(genesisHeader())
export const DEVNET_CHAIN_ID = `0x${GENESIS_BLOCK_ID.slice(-8)}`
