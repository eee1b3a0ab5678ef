/**
 * Catalogs other than English are separate chunks, fetched only by those who use them: the first
 * page load carries English alone.
 */
import type { Catalog } from './catalog'
import { english } from './english'
import type { Locale } from './locales'

export async function loadCatalog(locale: Locale): Promise<Catalog> {
  switch (locale) {
    case 'en':
      return english
    case 'fr':
      return (await import('./fr')).fr
    case 'de':
      return (await import('./de')).de
  }
}
