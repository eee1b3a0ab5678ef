import { defineConfig } from '@playwright/test'
import { CHROMIUM_PATH, chromiumArgs } from './tools/chromium.ts'
import { ALONE_SPECS, CHAIN_SPECS } from './tests/e2e/projects.ts'

const SITE_PORT = Number(process.env.E2E_PORT ?? 4173)
const TRACKER_PORT = Number(process.env.E2E_TRACKER_PORT ?? 8123)
// The suite's devnet, as `npm start` has one; the tipping tests start their own per test as well.
const DEVNET_PORT = Number(process.env.E2E_DEVNET_PORT ?? 8190)

const NAMES_SPEC_FILES = process.argv.some((arg) => /\.spec\.ts(:\d+)*$/.test(arg))

export default defineConfig({
  testDir: 'tests/e2e',
  // Two tests at a time, never two of one project: a spec waiting on a devnet ("chain") beside one
  // whose WebRTC transfers use the CPU ("peers"; tests/e2e/projects.ts). About 20 minutes instead of
  // 35 one at a time on an idle 2-core machine; a machine already busy with other jobs may pass
  // `--workers=1`. The few specs that cannot share the machine ("alone") run last, by themselves.
  workers: 2,
  projects: [
    { name: 'chain', testMatch: CHAIN_SPECS.map((file) => `**/${file}`), workers: 1 },
    // Everything else, new specs included: several browser contexts doing WebRTC each, on two cores.
    {
      name: 'peers',
      testIgnore: [...CHAIN_SPECS, ...ALONE_SPECS].map((file) => `**/${file}`),
      workers: 1,
    },
    // After both in a whole run (Playwright skips it, saying so, when a test of either failed: rerun
    // it by name). Playwright runs a project's dependencies in full even when the command names one
    // spec file, so a command that names files runs just those.
    {
      name: 'alone',
      testMatch: ALONE_SPECS.map((file) => `**/${file}`),
      dependencies: NAMES_SPEC_FILES ? [] : ['chain', 'peers'],
      workers: 1,
    },
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
