import { describe, expect, it } from 'vitest'
import { placeholdersOf } from './catalog'
import { en } from './en'
import { enViews } from './en-views'
import { LOCALES } from './locales'
import { CATALOGS } from '../testing/test-locale'

// English is the first page's messages and those that travel with the views.
const english: Readonly<Record<string, string>> = { ...en, ...enViews }
const englishKeys = Object.keys(english).sort()

describe.each(LOCALES.filter((locale) => locale !== 'en'))('the %s catalog', (locale) => {
  const catalog: Readonly<Record<string, string>> = CATALOGS[locale]

  it('has exactly the English keys', () => {
    expect(Object.keys(catalog).sort()).toEqual(englishKeys)
  })

  it('uses the same {placeholders} as English in every message', () => {
    for (const key of englishKeys) {
      expect({ key, placeholders: placeholdersOf(catalog[key] ?? '') }).toEqual({
        key,
        placeholders: placeholdersOf(english[key] ?? ''),
      })
    }
  })

  it('translates every message into something', () => {
    for (const key of englishKeys) expect({ key, text: catalog[key]?.trim() }).not.toEqual({ key, text: '' })
  })

  it('writes placeholders as {name} only, so that a typo cannot hide one', () => {
    for (const text of Object.values(catalog)) expect(text.replace(/\{\w+\}/g, '')).not.toMatch(/[{}]/)
  })
})

describe('the English catalog', () => {
  it('gives every plural message its "other" form, the one every language has', () => {
    for (const key of englishKeys.filter((candidate) => candidate.endsWith('.one'))) {
      expect(englishKeys).toContain(key.replace(/\.one$/, '.other'))
    }
  })

  it('writes placeholders as {name} only, so that a typo cannot hide one', () => {
    for (const text of Object.values(english)) expect(text.replace(/\{\w+\}/g, '')).not.toMatch(/[{}]/)
  })
})
