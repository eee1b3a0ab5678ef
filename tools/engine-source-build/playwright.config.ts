/**
 * The app's end-to-end specs against the source build (./serve.ts), e.g.
 * `npx playwright test --config tools/engine-source-build/playwright.config.ts swarm.spec.ts`.
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'
import appConfig from '../../playwright.config.ts'

const webServer = Array.isArray(appConfig.webServer) ? appConfig.webServer[0] : appConfig.webServer

export default defineConfig({
  ...appConfig,
  testDir: fileURLToPath(new URL('../../tests/e2e', import.meta.url)),
  webServer: {
    ...webServer,
    command: 'npx tsx tools/engine-source-build/serve.ts',
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
  },
})
