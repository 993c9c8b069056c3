import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Integration and browser suites start real services; two cores, so keep forks few.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'core/**/*.test.ts',
            'functions/**/*.test.ts',
            'bot/**/*.test.ts',
            'scripts/**/*.test.ts',
            'content/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: { name: 'tab', include: ['tab/src/**/*.test.{ts,tsx}'], environment: 'jsdom' },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/**/*.test.ts'], fileParallelism: false },
      },
    ],
  },
});
