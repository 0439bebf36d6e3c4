import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    globalSetup: ["__tests__/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // The default reporter for people, and a JSON report that .ci/run turns into one totals line.
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
  },
});
