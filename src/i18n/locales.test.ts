import { describe, expect, it } from 'vitest'
import { isLocale, pickLocale } from './locales'

describe('pickLocale', () => {
  it('takes the first browser language the app speaks, region and case aside', () => {
    expect(pickLocale(['fr-FR', 'en-US'], null)).toBe('fr')
    expect(pickLocale(['de-AT'], null)).toBe('de')
    expect(pickLocale(['es-ES', 'DE', 'fr'], null)).toBe('de')
    expect(pickLocale(['en-GB', 'fr'], null)).toBe('en')
    expect(pickLocale(['fr_CA'], null)).toBe('fr')
  })

  it('falls back to English when none matches or the browser says nothing', () => {
    expect(pickLocale(['es-ES', 'it', 'pt-BR'], null)).toBe('en')
    expect(pickLocale([], null)).toBe('en')
    expect(pickLocale([''], null)).toBe('en')
  })

  it('prefers the choice the user stored over the browser languages', () => {
    expect(pickLocale(['fr-FR'], 'de')).toBe('de')
    expect(pickLocale(['de-DE'], 'en')).toBe('en')
  })

  it('ignores a stored value that is not a language the app speaks', () => {
    expect(pickLocale(['de-DE'], 'es')).toBe('de')
    expect(pickLocale(['fr'], 'fr-FR')).toBe('fr')
    expect(pickLocale([], '')).toBe('en')
  })
})

describe('isLocale', () => {
  it('accepts exactly en, fr and de', () => {
    expect(['en', 'fr', 'de', 'EN', 'es', null, 1].map(isLocale)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ])
  })
})
