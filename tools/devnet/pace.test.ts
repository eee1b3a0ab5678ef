/** The pace presets: pure settings, and a devnet started at mainnet pace. Nothing is faked. */
import { describe, expect, it } from 'vitest'
import { PACES, resolvePace } from './pace.ts'
import { startDevnet } from './server.ts'
import { post } from './testing.ts'

describe('pace', () => {
  it('has mainnet’s block interval and solidification lag as a preset, overridable one by one', () => {
    expect(PACES.mainnet).toEqual({ blockIntervalMs: 3_000, solidityLagBlocks: 19 })
    expect(resolvePace({})).toEqual({ blockIntervalMs: 300, solidityLagBlocks: 3 })
    expect(resolvePace({ pace: 'mainnet' })).toEqual({ blockIntervalMs: 3_000, solidityLagBlocks: 19 })
    expect(resolvePace({ pace: 'mainnet', solidityLagBlocks: 2 })).toEqual({
      blockIntervalMs: 3_000,
      solidityLagBlocks: 2,
    })
  })

  it('makes a devnet produce no second block within a second at mainnet pace', async () => {
    const devnet = await startDevnet({ port: 0, pace: 'mainnet' })
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      const head = await post(devnet, '/wallet/getnowblock', {})
      // Block 1 is produced at start; the next one only after 3 s.
      expect((head['block_header'] as { raw_data: { number?: number } }).raw_data.number).toBe(1)
    } finally {
      await devnet.close()
    }
  })
})
