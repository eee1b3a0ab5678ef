/**
 * The English messages that travel with the views (./en-views.ts) reach the page only through
 * ./view-messages.ts. Reads the source files (nothing faked): every file that names one of those
 * messages must import it, or English readers would see the bare key.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { en } from './en'
import { enViews } from './en-views'

const SRC = fileURLToPath(new URL('..', import.meta.url))

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

/** The keys a file names: quoted whole, as a plural base, or as the fixed part of a template key. */
function namesKey(code: string, key: string): boolean {
  const base = key.replace(/\.(one|other)$/, '')
  const prefix = key.slice(0, key.lastIndexOf('.') + 1)
  return code.includes(`'${key}'`) || code.includes(`'${base}'`) || code.includes(`\`${prefix}\${`)
}

describe('the English messages of the views', () => {
  it('are not also first-page messages', () => {
    expect(Object.keys(enViews).filter((key) => key in en)).toEqual([])
  })

  it('are added by every file that names one', () => {
    const missing: string[] = []
    for (const file of sourceFiles(SRC).filter((path) => !path.includes(`${SRC}i18n`))) {
      const code = readFileSync(file, 'utf8')
      const named = Object.keys(enViews).filter((key) => namesKey(code, key))
      if (named.length > 0 && !/import '[./]+i18n\/view-messages'/.test(code)) {
        missing.push(`${relative(SRC, file)} (${named[0]})`)
      }
    }
    expect(missing).toEqual([])
  })
})
