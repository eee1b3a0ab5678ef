/**
 * The first-load measurement on small hand-written build directories (real files in a temporary
 * folder, nothing faked): which files count as the first load, and what breaks the budget.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { budgetFailures, measureBundle } from './bundle.ts'

let directory = ''
afterEach(async () => {
  if (directory) await rm(directory, { recursive: true, force: true })
})

async function site(files: Record<string, string>): Promise<string> {
  directory = await mkdtemp(join(tmpdir(), 'bundle-test-'))
  await mkdir(join(directory, 'assets'))
  for (const [name, content] of Object.entries(files)) await writeFile(join(directory, name), content)
  return directory
}

const map = (...sources: string[]) => JSON.stringify({ version: 3, sources, mappings: '' })
const HTML = `<!doctype html><head>
<script type="module" crossorigin src="/assets/index.js"></script>
<link rel="modulepreload" crossorigin href="/assets/preloaded.js">
<link rel="stylesheet" crossorigin href="/assets/index.css">
<link rel="icon" href="/favicon.svg"></head>`

describe('measureBundle', () => {
  it('counts the linked files and their static imports, not lazy chunks', async () => {
    const dist = await site({
      'index.html': HTML,
      'assets/index.js': `import{a as b}from"./shared.js";const l=()=>import("./lazy.js");b(l)`,
      'assets/index.js.map': map('../src/main.ts'),
      'assets/shared.js': `export const a=x=>x`,
      'assets/shared.js.map': map('../src/shared.ts'),
      'assets/preloaded.js': `export const p=1`,
      'assets/preloaded.js.map': map('../src/p.ts'),
      'assets/lazy.js': `export const tron=${JSON.stringify('x'.repeat(5000))}`,
      'assets/lazy.js.map': map('../node_modules/tronweb/lib/index.js'),
      'assets/index.css': `body{color:red}`,
    })
    const figures = await measureBundle(dist)
    expect(figures.initialFiles.map(({ file }) => file).sort()).toEqual([
      'assets/index.css',
      'assets/index.js',
      'assets/preloaded.js',
      'assets/shared.js',
    ])
    expect(figures.initialCssGzipBytes).toBeGreaterThan(0)
    expect(figures.tronWebChunkGzipBytes).toBeGreaterThan(0)
    expect(figures.walletCodeInInitialLoad).toEqual([])
    expect(budgetFailures(figures)).toEqual([])
    expect(budgetFailures(figures, figures.initialJsGzipBytes)).toHaveLength(1)
  })

  it('fails when TronWeb or the wallet adapter is in the first load, or a script has no map', async () => {
    const dist = await site({
      'index.html': HTML,
      'assets/index.js': `import"./wallet.js";import{x}from"./nomap.js";import{h}from"./preload-helper-a1.js";import"./preload-helper-b2.js";x(h)`,
      'assets/index.js.map': map('../src/main.ts'),
      'assets/wallet.js': `export{}`,
      'assets/wallet.js.map': map('../node_modules/@tronweb3/tronwallet-adapter-tronlink/lib/esm/index.js'),
      'assets/nomap.js': `export const x=()=>1`,
      // Vite's generated preload helper has no map and passes; a chunk that only borrows its name does not.
      'assets/preload-helper-a1.js': `export const h=()=>document.createElement('link')`,
      'assets/preload-helper-b2.js': `export const w=window.tronWeb`,
      'assets/preloaded.js': `export const p=1`,
      'assets/preloaded.js.map': map('../src/p.ts'),
      'assets/index.css': ``,
    })
    const failures = budgetFailures(await measureBundle(dist))
    expect(failures).toEqual([
      'assets/wallet.js carries TronWeb or the wallet adapter and is part of the first load',
      'assets/nomap.js has no source map, so its content cannot be checked',
      'assets/preload-helper-b2.js has no source map, so its content cannot be checked',
    ])
  })
})
