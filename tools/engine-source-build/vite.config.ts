/**
 * Prototype: the app built with WebTorrent compiled from its npm sources instead of its prebuilt
 * bundle, with one of our modules substituted for one of WebTorrent's (see docs/ENGINE.md).
 * The app's own config is unchanged; this one extends it.
 */
import { fileURLToPath } from 'node:url'
import { playwright } from '@vitest/browser-playwright'
import { mergeConfig, type Plugin } from 'vite'
import type { ViteUserConfig } from 'vitest/config'
import appConfig from '../../vite.config.ts'
import { CHROMIUM_PATH, chromiumArgs } from '../chromium.ts'

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** Our modules that take the place of WebTorrent's dependencies, by the name WebTorrent imports. */
const SUBSTITUTES: Record<string, string> = {
  'bittorrent-protocol': at('./substitutes/wire.ts'),
}

/** WebTorrent's TCP/uTP modules: its `browser` field maps them to nothing; here, to an empty object. */
const NODE_ONLY = /\/webtorrent\/lib\/(conn-pool\.js|utp\.cjs)$/
const NOTHING = at('./substitutes/nothing.ts')

/**
 * Resolves a substituted package name to our module, except inside that module itself, which
 * imports the stock package to extend it. The same plugin serves the build and the pre-bundling of
 * dependencies (dev server, browser tests), which runs without Vite's plugins.
 */
const substitutes = {
  name: 'engine-substitutes',
  resolveId(source: string, importer: string | undefined) {
    if (
      importer?.includes('/node_modules/webtorrent/') &&
      NODE_ONLY.test(new URL(source, `file://${importer}`).pathname)
    )
      return NOTHING
    const replacement = SUBSTITUTES[source]
    if (replacement === undefined || importer === replacement) return null
    return replacement
  },
}

/**
 * `process.browser` and `process.nextTick` are read unguarded, so every module that names `process`
 * gets WebTorrent's own stand-in (the one its bundle is built with). It has no `hrtime`: the modules
 * that read it check for it first and fall back to `Date.now()`, so that warning is silenced.
 */
const processStandIn = {
  transform: { inject: { process: [at('../../node_modules/webtorrent/polyfills/process-fast.js'), '*'] } },
  checks: { importIsUndefined: false },
} satisfies NonNullable<ViteUserConfig['build']>['rolldownOptions']

const sourceBuild: ViteUserConfig = {
  root: at('../..'),
  // Its own pre-bundled dependencies, never mixed with the app's (the plugin's table is not hashed).
  cacheDir: at('../../node_modules/.vite-engine-source'),
  plugins: [{ ...substitutes, enforce: 'pre' } satisfies Plugin],
  resolve: {
    // webtorrent pins streamx 2.28.0; simple-peer and simple-websocket ask for ^2.28.0 and npm gives
    // them their own 2.28.1: three copies, 11 kB gzip. One copy, as in the prebuilt bundle.
    dedupe: ['streamx'],
    alias: [
      // The app imports the bundle by this path; the source entry exports the same class.
      {
        find: /^webtorrent\/dist\/webtorrent\.min\.js$/,
        replacement: at('../../node_modules/webtorrent/index.js'),
      },
      // Node built-ins the browser graph still imports, with the stand-ins WebTorrent's own build uses.
      { find: /^events$/, replacement: at('./node_modules/events/events.js') },
      { find: /^path$/, replacement: at('./node_modules/path-esm/index.js') },
    ],
  },
  define: { global: 'globalThis' },
  build: { rolldownOptions: processStandIn },
  optimizeDeps: { rolldownOptions: { ...processStandIn, plugins: [substitutes] } },
  test: {
    // Joins the app's unit and browser projects, whose browser tests then run on the source build.
    projects: [
      {
        extends: true,
        test: {
          name: 'engine-source',
          include: ['tools/engine-source-build/*.browser-check.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs() } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
}

export default mergeConfig(appConfig, sourceBuild)
