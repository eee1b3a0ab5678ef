/** What the service worker agrees to keep for offline use (pure: URLs and header values only). */
import { describe, expect, it } from 'vitest'
import { contentTypeFits } from './content-types'

describe('contentTypeFits', () => {
  it('keeps each kind of build file served as what it is', () => {
    expect(
      contentTypeFits('https://site.example/assets/index-abc.js', 'text/javascript; charset=utf-8'),
    ).toBe(true)
    expect(contentTypeFits('/assets/index-abc.js', 'application/javascript')).toBe(true)
    expect(contentTypeFits('/assets/index-abc.css', 'text/css')).toBe(true)
    expect(contentTypeFits('/index.html', 'text/html; charset=utf-8')).toBe(true)
    expect(contentTypeFits('/', 'text/html')).toBe(true)
    expect(contentTypeFits('/favicon.svg', 'image/svg+xml')).toBe(true)
    expect(contentTypeFits('/icons/icon-192.png', 'image/png')).toBe(true)
    expect(contentTypeFits('/manifest.webmanifest', 'application/manifest+json')).toBe(true)
  })

  it('refuses the index page a host sends for a file it does not have', () => {
    expect(contentTypeFits('/assets/index-abc.js', 'text/html; charset=utf-8')).toBe(false)
    expect(contentTypeFits('/icons/icon-192.png', 'text/html')).toBe(false)
    expect(contentTypeFits('/manifest.webmanifest', 'text/html')).toBe(false)
  })

  it('refuses an answer without a type, and a kind of file it does not know', () => {
    expect(contentTypeFits('/assets/index-abc.js', null)).toBe(false)
    expect(contentTypeFits('/demo/test-pattern.webm', 'video/webm')).toBe(false)
  })

  it('judges the path, not the query', () => {
    expect(contentTypeFits('/assets/index-abc.js?__WB_REVISION__=1', 'text/javascript')).toBe(true)
  })
})
