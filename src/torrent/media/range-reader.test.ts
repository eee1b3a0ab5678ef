/** Parsing of the stream's Content-Range header (pure; no fetch involved). */
import { describe, expect, it } from 'vitest'
import { totalFromContentRange } from './range-reader'

describe('totalFromContentRange', () => {
  it('reads the total length', () => {
    expect(totalFromContentRange('bytes 0-0/123456')).toBe(123456)
    expect(totalFromContentRange('bytes 10-99/100')).toBe(100)
  })
  it('gives null when the total is absent or unknown', () => {
    expect(totalFromContentRange(null)).toBeNull()
    expect(totalFromContentRange('bytes 0-0/*')).toBeNull()
  })
})
