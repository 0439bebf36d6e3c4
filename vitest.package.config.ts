import { defineConfig } from "vitest/config";

/**
 * The packaging test (`npm run test:package`, run by .ci/run): packs the engine and installs the
 * tarball into a service repository of its own, locally and globally. It takes a while (npm
 * installs the dependencies from its cache), so it is not part of `npm test`.
 */
export default defineConfig({
  test: {
    include: ["__tests__/package/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
