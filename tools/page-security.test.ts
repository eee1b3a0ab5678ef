/**
 * The page's script policy, pinned: the CSP the build puts into index.html, and the source habits
 * that keep it meaningful (no markup from strings, no code from strings). A loosened policy or a
 * stray `{@html}` fails here rather than in a review.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { HtmlTagDescriptor } from 'vite'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from './vite-plugins.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

function builtPolicy(): Map<string, string[]> {
  const hook = contentSecurityPolicy().transformIndexHtml
  if (typeof hook !== 'function') throw new Error('the plugin no longer transforms index.html')
  const tags = (hook as (html: string) => HtmlTagDescriptor[]).call(undefined, '')
  const meta = tags.find((tag) => tag.attrs?.['http-equiv'] === 'Content-Security-Policy')
  const content = meta?.attrs?.content
  if (typeof content !== 'string') throw new Error('no Content-Security-Policy meta tag')
  expect(meta?.injectTo).toBe('head-prepend') // before any script the page loads
  return new Map(
    content.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/)
      return [name, sources]
    }),
  )
}

function filesUnder(directory: string, suffix: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(suffix))
    .map((name) => join(directory, name))
}

describe('Content-Security-Policy of the built page', () => {
  const policy = builtPolicy()

  it('runs scripts only from the site: no inline code, no eval, no plugins', () => {
    expect(policy.get('default-src')).toEqual(["'self'"])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('worker-src')).toEqual(["'self'"])
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(policy.get('base-uri')).toEqual(["'self'"])
    expect(policy.get('form-action')).toEqual(["'none'"])
    for (const sources of policy.values()) {
      for (const loose of ["'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", "'unsafe-hashes'", '*'])
        expect(sources).not.toContain(loose)
    }
  })

  it('leaves connections open only to the schemes the user picks trackers, web seeds and nodes from', () => {
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:', 'http:', 'https:'])
    // Styles, images and media stay on the site (blob: is the streamed video, data: small icons).
    expect(policy.get('style-src')).toEqual(["'self'"])
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
    expect(policy.get('media-src')).toEqual(["'self'", 'blob:'])
  })

  it('index.html has no inline script or handler for the policy to refuse', () => {
    const html = readFileSync(join(ROOT, 'index.html'), 'utf8')
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attributes = '', body = ''] of scripts) {
      expect(attributes).toMatch(/\bsrc=/)
      expect(body.trim()).toBe('')
    }
    expect(html).not.toMatch(/\son[a-z]+=/i)
  })
})

describe('source habits the policy relies on', () => {
  it('no component renders markup from a string ({@html})', () => {
    const components = filesUnder(join(ROOT, 'src'), '.svelte')
    expect(components.length).toBeGreaterThan(10)
    const offenders = components.filter((file) => readFileSync(file, 'utf8').includes('{@html'))
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([])
  })

  it('no module builds markup or code from strings', () => {
    const modules = [...filesUnder(join(ROOT, 'src'), '.ts'), ...filesUnder(join(ROOT, 'src'), '.svelte')]
    const risky = /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|\beval\(|new Function\(/
    const offenders = modules.filter(
      (file) => !file.endsWith('.test.ts') && risky.test(readFileSync(file, 'utf8')),
    )
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([])
  })
})
