// Bundles the TypeScript sources into dist/ with esbuild when the bundle is missing or older than
// the sources (so `platform` works right after `npm ci`), and returns the URL of an entry point.
// One bundle with code-split chunks loads far faster than hundreds of ES modules; cdktf, the
// provider packages and the AWS SDK stay external (CommonJS, loaded with require on demand).
// Type checking is separate: `npm run typecheck`.
import { existsSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sourceFolders = ["src", "schema", "providers"];
const dist = join(root, "dist");
const stamp = join(dist, ".build-stamp");
export const ENTRY_POINTS = { cli: "src/cli/main.ts", app: "src/app.ts", worker: "src/engine/worker.ts" };

function newestSourceTime() {
  let newest = Math.max(statSync(join(root, "package.json")).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs);
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

/** True when dist/ holds a bundle at least as new as every source file. */
export function isBuildFresh() {
  return existsSync(stamp) && Object.keys(ENTRY_POINTS).every((name) => existsSync(join(dist, `${name}.js`))) && statSync(stamp).mtimeMs >= newestSourceTime();
}

/** Bundles the entry points into dist/ and records when the build started. */
export async function build() {
  const started = Date.now();
  const { build: esbuild } = await import("esbuild");
  rmSync(dist, { recursive: true, force: true });
  await esbuild({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    outdir: dist,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "bundle",
    external: ["cdktf", "constructs", "@cdktf/*", "@aws-sdk/*", "esbuild"],
    // Bundled CommonJS (the yaml package) calls require(); give the ES module bundle one.
    banner: { js: "import { createRequire as __platformRequire } from 'node:module'; const require = __platformRequire(import.meta.url);" },
    logLevel: "warning",
  });
  // The stamp carries the time the build started: a source saved during the build stays newer.
  writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
  utimesSync(stamp, started / 1000, started / 1000);
}

/** The URL of a bundled entry point (`cli` or `app`), building first when needed. */
export async function ensureBuilt(entry = "cli") {
  if (!isBuildFresh()) await build();
  return pathToFileURL(join(dist, `${entry}.js`)).href;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--force") || !isBuildFresh()) await build();
}
