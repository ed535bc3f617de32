import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code they test; integration tests start real servers and sockets.
// Browser journeys run under Playwright (playwright.config.ts), not here.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['common/src/**/*.test.ts', 'server/src/**/*.test.ts', 'client/src/**/*.test.ts', 'tests/fixtures/**/*.test.ts', 'tests/guard-eval/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Against llama.cpp's real server: npm run test:interop builds it and runs these.
        test: {
          name: 'interop',
          include: ['tests/interop/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
