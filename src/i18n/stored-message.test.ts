/**
 * Legacy stored sentences, as today's code writes them (t() with each catalog active), mapped back
 * to codes. Nothing is faked: the real catalogs are used.
 */
import { describe, expect, it } from 'vitest'
import { interpolate, type Catalog } from './catalog'
import { CATALOGS } from '../testing/test-locale'
import { fromLegacy, renderStored } from './stored-message'

const { en, fr, de } = CATALOGS
const catalogs: readonly Catalog[] = [en, fr, de]

describe('legacy sentences to codes', () => {
  for (const [name, catalog] of [
    ['en', en],
    ['fr', fr],
    ['de', de],
  ] as const) {
    it(`recognises ${name} sentences, with their parameters`, () => {
      expect(fromLegacy(catalog['receipt.expired'], catalogs)).toEqual({
        code: 'receipt.expired',
        params: {},
      })
      const refused = interpolate(catalog['tip.refused'], { code: 'SIGERROR', message: 'bad: sig.' })
      expect(fromLegacy(refused, catalogs)).toEqual({
        code: 'tip.refused',
        params: { code: 'SIGERROR', message: 'bad: sig.' },
      })
      const returned = interpolate(catalog['session.returned'], { amount: '9.732 TRX' })
      expect(fromLegacy(returned, catalogs)).toEqual({
        code: 'session.returned',
        params: { amount: '9.732 TRX' },
      })
      const retrying = interpolate(catalog['tip.nodeRetrying'], { url: 'http://127.0.0.1:9090' })
      expect(fromLegacy(retrying, catalogs)).toEqual({
        code: 'tip.nodeRetrying',
        params: { url: 'http://127.0.0.1:9090' },
      })
    })
  }

  it('keeps a sentence it does not know as legacy text', () => {
    expect(fromLegacy('Something a future release wrote', catalogs)).toEqual({
      code: 'legacy',
      params: { text: 'Something a future release wrote' },
    })
  })

  it('renders a recognised French sentence in German, and a legacy one as written', () => {
    const stored = fromLegacy(interpolate(fr['tip.refused'], { code: 'X', message: 'm' }), catalogs)
    expect(renderStored(stored, de, en)).toBe(interpolate(de['tip.refused'], { code: 'X', message: 'm' }))
    expect(renderStored({ code: 'legacy', params: { text: 'alt' } }, de, en)).toBe('alt')
  })
})
