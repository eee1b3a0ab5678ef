/**
 * The shape of a message catalog. English (./en.ts with ./en-views.ts) is the source of truth: its
 * keys are the only keys, and the {placeholders} of its messages are the parameters `t()` asks for.
 */
import type { en } from './en'
import type { enViews } from './en-views'

/** Every English message: the first page's and those that travel with the views loaded on demand. */
type English = typeof en & typeof enViews

export type MessageKey = keyof English

/** A translation: every English key, none more (an object literal with an extra key does not type-check). */
export type Catalog = { readonly [K in MessageKey]: string }

/** The names inside the {braces} of a message, as a union: 'name' | 'count' for "{name} has {count}". */
export type PlaceholderOf<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholderOf<Rest>
  : never

/** Numbers are formatted for the locale; strings are inserted as they are. */
export type ParamValue = string | number

export type ParamsOf<K extends MessageKey> = { readonly [Name in PlaceholderOf<English[K]>]: ParamValue }

/** What `t(key, ...)` takes after the key: nothing for a message without placeholders. */
export type ParamArgs<K extends MessageKey> = [PlaceholderOf<English[K]>] extends [never]
  ? []
  : [params: ParamsOf<K>]

/** Keys of messages that come in plural forms: `<base>.one` and `<base>.other` (always present). */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer Base}.other`
    ? `${Base}.one` extends MessageKey
      ? Base
      : never
    : never
}[MessageKey]

/** What `tn(base, count, ...)` takes after the count: the `other` form's placeholders except {count}. */
export type PluralParamArgs<B extends PluralBase> = [
  Exclude<PlaceholderOf<English[`${B}.other` & MessageKey]>, 'count'>,
] extends [never]
  ? []
  : [
      params: {
        readonly [Name in Exclude<PlaceholderOf<English[`${B}.other` & MessageKey]>, 'count'>]: ParamValue
      },
    ]

const PLACEHOLDER = /\{(\w+)\}/g

/** The placeholder names of a message, sorted, each once: what the catalog test compares. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))].sort()
}

/** Fills {name} from params; a placeholder without a value stays visible rather than vanishing. */
export function interpolate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole)
}
