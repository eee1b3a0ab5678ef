import { defineConfig } from '@playwright/test'

const SITE_PORT = Number(process.env.E2E_PORT ?? 4173)
const TRACKER_PORT = Number(process.env.E2E_TRACKER_PORT ?? 8123)
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const runningAsRoot = process.getuid?.() === 0

export default defineConfig({
  testDir: 'tests/e2e',
  // Every test drives several browser contexts doing WebRTC; on two cores they run one at a time.
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  retries: 0,
  use: {
    baseURL: `http://127.0.0.1:${SITE_PORT}`,
    browserName: 'chromium',
    acceptDownloads: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        ...(runningAsRoot ? ['--no-sandbox'] : []),
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Background contexts must not be throttled, or a seeder in another context slows down.
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
        '--disable-backgrounding-occluded-windows',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
  },
  webServer: {
    command: 'npx tsx tools/serve.ts',
    url: `http://127.0.0.1:${SITE_PORT}/`,
    env: { PORT: String(SITE_PORT), TRACKER_PORT: String(TRACKER_PORT) },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
  },
})
