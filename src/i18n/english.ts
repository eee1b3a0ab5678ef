/**
 * The English catalog as loaded so far: the first page's messages (./en.ts), then the views'
 * messages (./en-views.ts) once a view that shows them has loaded them. English is what the page
 * starts in and what a missing translation falls back to.
 */
import type { Catalog } from './catalog'
import { en } from './en'

const loaded: Record<string, string> = { ...en }

/**
 * Typed as the whole catalog: a view names its messages only after importing ./view-messages.ts,
 * which adds them before the view renders (the catalogs test checks every such view imports it).
 */
export const english = loaded as Catalog

export function addEnglish(messages: Readonly<Record<string, string>>): void {
  Object.assign(loaded, messages)
}
