/**
 * For unit tests: switches the active language at once, with the catalogs imported directly (the
 * app loads fr and de lazily instead). Only tests import this module.
 */
import { activate } from '../i18n/active'
import type { Catalog } from '../i18n/catalog'
import { de } from '../i18n/de'
import { en } from '../i18n/en'
import { enViews } from '../i18n/en-views'
import { fr } from '../i18n/fr'
import type { Locale } from '../i18n/locales'

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en: { ...en, ...enViews }, fr, de }

export function useLocale(locale: Locale): void {
  activate(locale, CATALOGS[locale])
}
