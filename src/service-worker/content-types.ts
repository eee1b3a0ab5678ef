/**
 * Which content type a file of the build must have to be kept for offline use. A host that answers
 * a missing file with its index.html (a common single-page fallback) would otherwise have HTML
 * stored under a script's address, and served from the cache for good.
 */

const EXPECTED: readonly (readonly [RegExp, RegExp])[] = [
  [/\.m?js$/, /^(text|application)\/javascript\b/],
  [/\.css$/, /^text\/css\b/],
  [/(\/|\.html)$/, /^text\/html\b/],
  [/\.svg$/, /^image\/svg\+xml\b/],
  [/\.png$/, /^image\/png\b/],
  [/\.webmanifest$/, /^application\/(manifest\+)?json\b/],
  [/\.json$/, /^application\/json\b/],
  [/\.wasm$/, /^application\/wasm\b/],
]

/** True when `contentType` is what a file at `url` of this build is served as; false for an unknown kind. */
export function contentTypeFits(url: string, contentType: string | null): boolean {
  const path = new URL(url, 'https://app.invalid/').pathname
  const expected = EXPECTED.find(([extension]) => extension.test(path))?.[1]
  return expected !== undefined && expected.test((contentType ?? '').trim().toLowerCase())
}
