/**
 * The interface language: picked on load (the user's earlier choice, else the browser's languages),
 * switchable in Settings, remembered in localStorage, and mirrored in <html lang>. Every `t()` and
 * number format read while rendering re-runs when it changes (the read tracker below).
 */
import { activate, activeLocale, onLocaleChange, setReadTracker } from '../i18n/active'
import { loadCatalog } from '../i18n/load-catalog'
import { pickLocale, type Locale } from '../i18n/locales'

const STORAGE_KEY = 'locale'

class LocaleStore {
  /** Bumped on every change; reading it is what makes a render depend on the language. */
  #version = $state(0)

  constructor() {
    setReadTracker(() => this.#version)
    onLocaleChange(() => this.#version++)
  }

  get current(): Locale {
    return activeLocale()
  }

  /** Before the first render, so that a French visitor never sees the English page flash by. */
  async init(): Promise<void> {
    const locale = pickLocale(navigator.languages, readStored())
    try {
      await this.#apply(locale)
    } catch {
      // The catalog chunk did not load (offline, a deploy in between): English is built in.
      await this.#apply('en')
    }
  }

  /** Rejects when the catalog cannot be loaded; the language then stays as it was. */
  async choose(locale: Locale): Promise<void> {
    await this.#apply(locale)
    try {
      localStorage.setItem(STORAGE_KEY, locale)
    } catch {
      // Storage refused (private mode, quota): the choice holds until the page is closed.
    }
  }

  async #apply(locale: Locale): Promise<void> {
    activate(locale, await loadCatalog(locale))
    document.documentElement.lang = locale
  }
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

export const locale = new LocaleStore()
