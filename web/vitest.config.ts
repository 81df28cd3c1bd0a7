import { defineConfig } from 'vitest/config';

/** Unit tests of the web app's own logic (filters, live cache updates): `npx vitest run --config web/vitest.config.ts`. */
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
