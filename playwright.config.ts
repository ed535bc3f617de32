import { defineConfig, devices } from '@playwright/test';

const appPort = Number(process.env.E2E_APP_PORT ?? 4600);
const providerPort = Number(process.env.E2E_PROVIDER_PORT ?? 4610);
const startedAt = Date.now();

/**
 * With a MongoDB server, each run gets a database of its own, as it gets a data directory of its
 * own: records another run sealed under its own server secret cannot be opened here.
 */
function ownDatabase(url: string | undefined): Record<string, string> {
  if (!url) return {};
  const named = new URL(url);
  named.pathname = `/gptlab_e2e_${startedAt}`;
  return { MONGODB_URL: named.toString() };
}

// Debian's Chromium, never a downloaded browser; background networking off because this machine
// has no internet and Chromium would otherwise keep trying to reach Google.
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync'],
  },
};

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  // A 2-core CI machine running a server, a fake provider and Chromium at once is slow at times.
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: process.env.CI === 'true',
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${appPort}`,
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'chromium', use: chromium }],
  webServer: [
    {
      command: `node tests/fixtures/fake-provider/cli.ts`,
      env: { PORT: String(providerPort), TOKEN_DELAY_MS: '15' },
      url: `http://127.0.0.1:${providerPort}/v1/models`,
      ignoreHTTPSErrors: true,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    {
      command: 'node server/src/main.ts',
      env: {
        GPTLAB_ENV: 'test',
        PORT: String(appPort),
        HOST: '127.0.0.1',
        OPENAI_BASE_URL: `http://127.0.0.1:${providerPort}/v1`,
        DATA_DIR: `test-results/e2e-data-${startedAt}`,
        ...ownDatabase(process.env.MONGODB_URL),
        LOG_LEVEL: 'warn',
      },
      url: `http://127.0.0.1:${appPort}/healthz`,
      reuseExistingServer: false,
    },
  ],
});
