import { defineConfig } from '@playwright/test'
import { CHROMIUM_PATH, chromiumArgs } from './tools/chromium.ts'
import { CHAIN_SPECS } from './tests/e2e/projects.ts'

const SITE_PORT = Number(process.env.E2E_PORT ?? 4173)
const TRACKER_PORT = Number(process.env.E2E_TRACKER_PORT ?? 8123)
// The suite's devnet, as `npm start` has one; the tipping tests start their own per test as well.
const DEVNET_PORT = Number(process.env.E2E_DEVNET_PORT ?? 8190)

export default defineConfig({
  testDir: 'tests/e2e',
  // One test at a time unless `--workers=2`: then never two of one project, a spec waiting on a
  // devnet ("chain") beside one whose WebRTC transfers use the CPU ("peers"; tests/e2e/projects.ts),
  // about 20 minutes instead of 36 on an idle 2-core machine. Not the default yet: side by side, the
  // reconnection after Resume in quota.spec.ts failed ICE for a whole minute in two runs of two.
  workers: 1,
  projects: [
    { name: 'chain', testMatch: CHAIN_SPECS.map((file) => `**/${file}`), workers: 1 },
    // Everything else, new specs included: several browser contexts doing WebRTC each, on two cores.
    { name: 'peers', testIgnore: CHAIN_SPECS.map((file) => `**/${file}`), workers: 1 },
  ],
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  retries: 0,
  // A stray test.only would silently skip the rest of the suite on CI.
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: `http://127.0.0.1:${SITE_PORT}`,
    browserName: 'chromium',
    acceptDownloads: true,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs() },
  },
  webServer: {
    command: 'npx tsx tools/serve.ts',
    url: `http://127.0.0.1:${SITE_PORT}/`,
    // The test build honours the faults and switches of src/testing/decorate.ts; no other build does.
    env: {
      PORT: String(SITE_PORT),
      TRACKER_PORT: String(TRACKER_PORT),
      DEVNET_PORT: String(DEVNET_PORT),
      VITE_TEST_HOOKS: '1',
    },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
  },
})
