/** The languages the interface speaks, and which one a visitor gets. */
export const LOCALES = ['en', 'fr', 'de'] as const
export type Locale = (typeof LOCALES)[number]

/** Each language named in itself, so that anyone can find their own in the list. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/**
 * The user's own choice if there is one, else the first of the browser's languages we speak
 * ("fr-CA" counts as French), else English.
 */
export function pickLocale(preferred: readonly string[], stored: string | null): Locale {
  if (isLocale(stored)) return stored
  for (const tag of preferred) {
    const language = tag.trim().toLowerCase().split(/[-_]/)[0]
    if (isLocale(language)) return language
  }
  return 'en'
}
