// Compiles the TypeScript sources to dist/ with the project's own compiler when the compiled
// output is missing or stale; returns the URL of the compiled CLI entry point.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sourceFolders = ["src", "schema", "providers"];
const stamp = join(root, "dist", ".build-stamp");
const entry = join(root, "dist", "src", "cli", "main.js");

function newestSourceTime() {
  let newest = statSync(join(root, "tsconfig.json")).mtimeMs;
  const walk = (folder) => {
    for (const item of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, item.name);
      if (item.isDirectory()) walk(path);
      else if (item.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const folder of sourceFolders) walk(join(root, folder));
  return newest;
}

/** True when dist/ holds a build at least as new as every source file. */
export function isBuildFresh() {
  return existsSync(stamp) && existsSync(entry) && statSync(stamp).mtimeMs >= newestSourceTime();
}

/** Runs the TypeScript compiler over tsconfig.build.json and records when it succeeded. */
export function build() {
  const started = Date.now();
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  // The stamp carries the time the build started: a source saved during the build stays newer.
  writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
  utimesSync(stamp, started / 1000, started / 1000);
}

export function ensureBuilt() {
  if (!isBuildFresh()) build();
  return pathToFileURL(entry).href;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--force") || !isBuildFresh()) build();
}
