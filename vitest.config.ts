import { defineConfig } from "vitest/config";

/**
 * Test files that replace modules or patch shared classes (vi.mock, aws-sdk-client-mock's
 * mockClient, which patches the SDK client's prototype) or check what happens on a module's first
 * load: each runs in a fresh module graph of its own.
 */
const ISOLATED = [
  "__tests__/providers/cdktf-internals.test.ts",
  "__tests__/policy/cli.test.ts",
  "__tests__/capabilities/secrets.test.ts",
  "__tests__/capabilities/functions-in-full-stack.test.ts",
  "__tests__/lifecycle/secrets.test.ts",
  "__tests__/lifecycle/state-bucket-hardening.test.ts",
  "__tests__/cli/status.test.ts",
];

export default defineConfig({
  test: {
    globalSetup: ["__tests__/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The default reporter for people, and a JSON report that .ci/run turns into one totals line.
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
    projects: [
      // Every other file shares its worker's loaded modules with the files that ran before it there:
      // the engine, cdktf and the providers load once per worker instead of once per file (about
      // half of the suite's time went to loading them anew for each file).
      { extends: true, test: { name: "shared", include: ["__tests__/**/*.test.ts"], exclude: [...ISOLATED, "__tests__/package/**"], pool: "threads", isolate: false } },
      { extends: true, test: { name: "isolated", include: ISOLATED, pool: "forks" } },
    ],
  },
});
