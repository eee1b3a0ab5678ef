/**
 * How fast the devnet's chain moves. The default is quick, for tests; 'mainnet' is mainnet's pace: a
 * block every 3 s and the solidified block (what walletsolidity/* answers) about 19 blocks behind the
 * head, so a transfer is final about a minute after its broadcast.
 */
export type Pace = 'devnet' | 'mainnet'

export interface PaceSettings {
  readonly blockIntervalMs: number
  readonly solidityLagBlocks: number
}

export const PACES: Readonly<Record<Pace, PaceSettings>> = {
  devnet: { blockIntervalMs: 300, solidityLagBlocks: 3 },
  mainnet: { blockIntervalMs: 3_000, solidityLagBlocks: 19 },
}

/** The preset's settings, each overridden by an explicit option. */
export function resolvePace(options: {
  pace?: Pace
  blockIntervalMs?: number
  solidityLagBlocks?: number
}): PaceSettings {
  const preset = PACES[options.pace ?? 'devnet']
  return {
    blockIntervalMs: options.blockIntervalMs ?? preset.blockIntervalMs,
    solidityLagBlocks: options.solidityLagBlocks ?? preset.solidityLagBlocks,
  }
}
