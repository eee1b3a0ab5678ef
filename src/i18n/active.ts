/**
 * The language in use right now, and who needs to know when it changes. Plain TypeScript, so that
 * domain modules can word their messages; the Svelte layer makes reads reactive through
 * `setReadTracker` (see src/state/locale.svelte.ts) without this module knowing about Svelte.
 */
import type { Catalog } from './catalog'
import { english } from './english'
import type { Locale } from './locales'

let locale: Locale = 'en'
let catalog: Catalog = english
let trackRead: () => unknown = () => undefined
const listeners = new Set<() => void>()

export function activeLocale(): Locale {
  trackRead()
  return locale
}

export function activeCatalog(): Catalog {
  trackRead()
  return catalog
}

/** Switches every later message and number to `next`; its catalog must already be loaded. */
export function activate(next: Locale, nextCatalog: Catalog): void {
  if (next === locale && nextCatalog === catalog) return
  locale = next
  catalog = nextCatalog
  for (const listener of listeners) listener()
}

/** Returns the disposer. */
export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Called on every read of the locale: lets a reactive caller re-run when it changes. */
export function setReadTracker(track: () => unknown): void {
  trackRead = track
}
