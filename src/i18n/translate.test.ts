import { afterEach, describe, expect, it, vi } from 'vitest'
import { activeLocale, onLocaleChange, setReadTracker } from './active'
import { interpolate } from './catalog'
import { useLocale } from '../testing/test-locale'
import { t, tn } from './translate'

afterEach(() => useLocale('en'))

describe('t', () => {
  it('returns the message of the active language', () => {
    expect(t('add.button')).toBe('Add torrent')
    useLocale('fr')
    expect(t('add.button')).toBe('Ajouter le torrent')
    useLocale('de')
    expect(t('add.button')).toBe('Torrent hinzufügen')
  })

  it('fills in every placeholder, wherever the language puts it', () => {
    expect(t('torrents.stopped', { name: 'a.iso', reason: 'gone' })).toBe('a.iso stopped: gone')
    useLocale('de')
    expect(t('torrent.deleteTitle', { name: 'a.iso' })).toBe('„a.iso“ und seine Daten löschen?')
  })

  it('formats numbers for the language and inserts strings as they are', () => {
    const params = { name: 'x', count: 12345, damaged: 2 }
    expect(t('torrents.auditDamaged', params)).toBe(
      'x: 12,345 stored pieces checked, 2 damaged and fetched again',
    )
    useLocale('de')
    expect(t('torrents.auditDamaged', params)).toBe(
      'x: 12.345 gespeicherte Stücke geprüft, 2 beschädigt und neu geladen',
    )
    expect(t('fetch.http', { url: 'u', status: '1234' })).toContain('HTTP 1234.')
  })

  it('is checked by the compiler: unknown keys and missing or extra parameters do not build', () => {
    // @ts-expect-error: no such key (at run time, the key itself is shown)
    expect(t('no.such.key')).toBe('no.such.key')
    // @ts-expect-error: the message has placeholders
    expect(t('torrents.stopped')).toBe('{name} stopped: {reason}')
    // @ts-expect-error: the message has none
    expect(t('add.button', { name: 'x' })).toBe('Add torrent')
  })
})

describe('interpolate', () => {
  it('leaves a placeholder without a value visible, and repeats one used twice', () => {
    expect(interpolate('{a} and {b}', { a: '1' })).toBe('1 and {b}')
    expect(interpolate('{a}{a}', { a: 'x' })).toBe('xx')
  })

  it('does not read a value as a pattern', () => {
    expect(interpolate('{a}', { a: '$& {a} $1' })).toBe('$& {a} $1')
  })
})

describe('tn', () => {
  it('picks the plural form the language uses for the count', () => {
    expect([0, 1, 2].map((count) => tn('torrent.peers', count))).toEqual(['0 peers', '1 peer', '2 peers'])
    useLocale('fr')
    // French counts 0 as singular.
    expect([0, 1, 2].map((count) => tn('torrent.peers', count))).toEqual(['0 pair', '1 pair', '2 pairs'])
    useLocale('de')
    expect([0, 1, 2].map((count) => tn('torrent.peers', count))).toEqual(['0 Peers', '1 Peer', '2 Peers'])
  })

  it('falls back to the "other" form for forms a catalog does not have', () => {
    useLocale('fr')
    // French has a "many" form for millions; the catalog writes "other" only.
    expect(tn('torrent.peers', 1_000_000)).toBe('1\u202f000\u202f000 pairs')
  })

  it('takes the other parameters of the message', () => {
    expect(tn('details.fileCount', 3, { size: '1 kB' })).toBe('3 files, 1 kB')
  })
})

describe('switching language', () => {
  it('tells listeners, once per change', () => {
    const listener = vi.fn()
    const stop = onLocaleChange(listener)
    useLocale('fr')
    useLocale('fr')
    useLocale('de')
    stop()
    useLocale('en')
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('reports every read to the tracker, so that a reactive caller can follow changes', () => {
    const track = vi.fn()
    setReadTracker(track)
    try {
      t('add.button')
      expect(activeLocale()).toBe('en')
      expect(track).toHaveBeenCalledTimes(2)
    } finally {
      setReadTracker(() => undefined)
    }
  })
})
