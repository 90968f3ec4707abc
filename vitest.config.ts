import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'e2e/**/*.test.ts'],
    environment: 'node',
    // Browser and server tests start processes; give them room without hiding hangs.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers only contend.
    maxWorkers: 2,
    env: { TZ: 'UTC' },
  },
});
