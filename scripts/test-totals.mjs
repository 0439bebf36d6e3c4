#!/usr/bin/env node
// Prints the test totals of a vitest JSON report as one plain line: `N passed, N failed`.
// A test file that fails to load has no failed test of its own; it still counts as a failure.
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? "reports/vitest.json";
try {
  const report = JSON.parse(readFileSync(file, "utf8"));
  const brokenFiles = report.testResults.filter((result) => result.status === "failed" && result.assertionResults.length === 0).length;
  console.log(`${report.numPassedTests} passed, ${report.numFailedTests + brokenFiles} failed`);
} catch (error) {
  console.log(`0 passed, 1 failed (no readable test report at ${file}: ${error.message})`);
}
