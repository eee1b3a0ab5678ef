/**
 * For unit tests: switches the active language at once, with the catalogs imported directly (the
 * app loads fr and de lazily instead). Only tests import this module.
 */
import { activate } from './active'
import type { Catalog } from './catalog'
import { de } from './de'
import { en } from './en'
import { fr } from './fr'
import type { Locale } from './locales'

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, fr, de }

export function useLocale(locale: Locale): void {
  activate(locale, CATALOGS[locale])
}
