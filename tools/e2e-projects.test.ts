/**
 * The end-to-end specs allowed to run beside another one (tests/e2e/projects.ts) seed only content
 * made for the test: read from the spec files themselves, nothing faked. A spec in "chain" that seeded
 * the sample video, the demo torrent or an ffmpeg recipe (cached, so the same bytes every time) would
 * share its info hash with a "peers" spec running at the same moment, on the same tracker.
 */
import { readFile, readdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { ALONE_SPECS, CHAIN_SPECS } from '../tests/e2e/projects.ts'

const E2E = new URL('../tests/e2e/', import.meta.url)

/** What a spec names when it seeds or opens the same bytes as another test could. */
const SHARED_CONTENT = [/SAMPLE_VIDEO/, /makeMedia/, /make-media/, /test-pattern/, /\bdemo\b/i, /public\//]

describe('the specs that run beside another one', () => {
  it('are spec files that exist, so a rename cannot quietly move one back', async () => {
    const specs = (await readdir(E2E)).filter((name) => name.endsWith('.spec.ts'))
    expect(CHAIN_SPECS.length).toBeGreaterThan(0)
    for (const file of [...CHAIN_SPECS, ...ALONE_SPECS]) expect(specs).toContain(file)
  })

  it('never list a spec that must run alone', () => {
    for (const file of ALONE_SPECS) expect(CHAIN_SPECS).not.toContain(file)
  })

  it.each(CHAIN_SPECS)('%s seeds no content another spec seeds as well', async (file) => {
    const source = await readFile(new URL(file, E2E), 'utf8')
    for (const pattern of SHARED_CONTENT) expect(source, `${file} names ${pattern}`).not.toMatch(pattern)
  })
})
