/**
 * The funded development accounts. accounts.json holds them; each private key is sha256 of
 * "tipping-torrent devnet account <name>", so anyone can rebuild them, and they are public:
 * never send real TRX to these addresses on any network.
 */
import { readFileSync } from 'node:fs'
import { TronWeb } from 'tronweb'

export interface FundedAccount {
  name: string
  /** 64 hex digits. */
  privateKey: string
  /** Base58check, T…. */
  address: string
  balanceSun: number
}

/** Reads and checks accounts.json (or another file in the same shape). */
export function loadAccounts(file: URL = new URL('./accounts.json', import.meta.url)): FundedAccount[] {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (!Array.isArray(parsed)) throw new Error(`${file.pathname}: expected an array of accounts`)
  return parsed.map((entry: unknown) => checkAccount(entry))
}

/** Fails fast on an account whose address is not its key's, or whose balance is not whole sun. */
export function checkAccount(entry: unknown): FundedAccount {
  if (typeof entry !== 'object' || entry === null) throw new Error('an account must be an object')
  const { name, privateKey, address, balanceSun } = entry as Record<string, unknown>
  if (typeof name !== 'string' || typeof privateKey !== 'string' || typeof address !== 'string') {
    throw new Error(`account ${String(name)}: name, privateKey and address must be strings`)
  }
  if (!/^[0-9a-fA-F]{64}$/.test(privateKey))
    throw new Error(`account ${name}: privateKey must be 64 hex digits`)
  if (TronWeb.address.fromPrivateKey(privateKey) !== address) {
    throw new Error(`account ${name}: address ${address} is not the address of its private key`)
  }
  if (typeof balanceSun !== 'number' || !Number.isSafeInteger(balanceSun) || balanceSun < 0) {
    throw new Error(`account ${name}: balanceSun must be a non-negative integer`)
  }
  return { name, privateKey, address, balanceSun }
}
