/**
 * Starts the devnet on DEVNET_PORT (default 8090, java-tron's HTTP port) and prints what a developer
 * needs: the URL for TronWeb or a TronLink custom node, the chain id, and the funded accounts.
 * DEVNET_PACE=mainnet gives 3 s blocks solidified 19 blocks behind; DEVNET_SOLIDITY_PORT serves
 * walletsolidity/* on that port alone, and DEVNET_CORS=off sends no CORS header (a self-hosted
 * java-tron's shape). Development and test only; the private keys printed here are public.
 */
import { loadAccounts } from './accounts.ts'
import { startDevnet } from './server.ts'

const port = Number(process.env['DEVNET_PORT'] ?? 8090)
const accounts = loadAccounts()
const pace = process.env['DEVNET_PACE'] === 'mainnet' ? 'mainnet' : 'devnet'
const solidityPort = process.env['DEVNET_SOLIDITY_PORT']
const devnet = await startDevnet({
  port,
  accounts,
  pace,
  cors: process.env['DEVNET_CORS'] !== 'off',
  ...(solidityPort === undefined ? {} : { solidityPort: Number(solidityPort) }),
})

console.log(`TRON devnet (development and test only, not a TRON node) at ${devnet.url}`)
if (devnet.solidityUrl !== devnet.url) console.log(`walletsolidity/* at ${devnet.solidityUrl}`)
console.log(`chain id ${devnet.chainId}, genesis block ${devnet.genesisBlockId}`)
console.log('funded accounts (public keys, never use them for real TRX):')
for (const account of accounts) {
  const trx = (account.balanceSun / 1_000_000).toLocaleString('en-US')
  console.log(`  ${account.name.padEnd(6)} ${account.address}  ${trx} TRX  private key ${account.privateKey}`)
}

const stop = () => {
  void devnet.close().then(() => process.exit(0))
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
