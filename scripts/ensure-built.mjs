// Bundles the TypeScript sources into dist/ with esbuild when the bundle is missing or older than
// the sources (so `platform` works right after `npm ci`), and returns the URL of an entry point.
// One bundle with code-split chunks loads far faster than hundreds of ES modules; cdktf, the
// provider packages and the AWS SDK stay external (CommonJS, loaded with require on demand).
// It also builds the engine's startup snapshots (dist/*.blob, see src/cli/snapshots.ts), which
// bin/platform starts Node from; without them, bin/platform runs bin/platform.mjs instead.
// Type checking is separate: `npm run typecheck`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sourceFolders = ["src", "schema", "providers"];
const dist = join(root, "dist");
const stamp = join(dist, ".build-stamp");
export const ENTRY_POINTS = { cli: "src/cli/main.ts", app: "src/app.ts", worker: "src/engine/worker.ts" };
/**
 * Startup snapshot -> its entry point (the commands each holds: src/cli/snapshots.ts), whether
 * cdktf and the provider classes go into it, and the Node flags it is built and run with. Providers:
 * the platform snapshot loads them while it is built; the validate snapshot never does (validate
 * --policy, which would, is sent to the platform snapshot) and starts sooner without their source.
 * Flags: V8 loads a snapshot only under the flags it was built with, so they are written beside the
 * blob (`<name>.flags`) for bin/platform. The heap bound is the one worker threads have in spirit:
 * with the default limit (a quarter of this machine's memory) V8 let garbage reach about 150 MB
 * between full collections of a long synth; with a bound it collects sooner (500 stacks: 300 ->
 * 260 MiB peak, no slower), and 384 MB is ten times what a synthesis keeps alive. diff, which reads
 * whole syntheses, runs from the validate snapshot, unbounded.
 */
export const SNAPSHOTS = {
  platform: { entry: "src/cli/snapshot.ts", withProviders: true, nodeFlags: ["--max-old-space-size=384"] },
  validate: { entry: "src/cli/snapshot-validate.ts", withProviders: false, nodeFlags: [] },
};
/** Written beside the blobs: the identity they were built for (see snapshotIdentity), then each one's outcome. */
export const SNAPSHOT_STAMP = join(dist, "snapshots.stamp");

/** Every TypeScript file below `folder`, recursively. */
function* typeScriptFiles(folder) {
  for (const item of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, item.name);
    if (item.isDirectory()) yield* typeScriptFiles(path);
    else if (item.name.endsWith(".ts")) yield path;
  }
}

function newestSourceTime() {
  // The lock file too: the snapshots hold copies of cdktf and the provider packages.
  const lockFile = statSync(join(root, "package-lock.json"), { throwIfNoEntry: false });
  let newest = Math.max(statSync(join(root, "package.json")).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs, lockFile?.mtimeMs ?? 0);
  for (const folder of sourceFolders) for (const path of typeScriptFiles(join(root, folder))) newest = Math.max(newest, statSync(path).mtimeMs);
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
  // The built-in webhook gateway's Lambda zip, which synth copies beside each stack that uses it.
  const { buildGatewayZip } = await import("./build-gateway.mjs");
  await buildGatewayZip();
  await buildSnapshot(started);
  // The stamp carries the time the build started: a source saved during the build stays newer.
  writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
  utimesSync(stamp, started / 1000, started / 1000);
}

/**
 * What a snapshot is valid for: the real path, size and modification time of the Node binary that
 * built it (a blob only loads in the Node that wrote it) and the project's real path (the blob holds
 * absolute paths). bin/platform computes the same line with the shell before using the blob.
 */
export function snapshotIdentity(nodePath = process.execPath) {
  const node = realpathSync(nodePath);
  const { size, mtimeMs } = statSync(node);
  return `node=${node} size=${size} mtime=${Math.floor(mtimeMs / 1000)} root=${realpathSync(root)}`;
}

/** True when the blob was built for this Node and this folder (built or found impossible: see the stamp). */
export function isSnapshotCurrent() {
  return existsSync(SNAPSHOT_STAMP) && readFileSync(SNAPSHOT_STAMP, "utf8").split("\n")[0] === snapshotIdentity();
}

/**
 * The specifiers providers/ loads with require(), found in its sources: the snapshot's bundle
 * must contain them all, since a snapshot cannot require files at start-up.
 */
function providerSpecifiers() {
  const loads = new Set();
  const dependencies = new Set();
  const defers = new Set();
  for (const path of typeScriptFiles(join(root, "providers"))) {
    const text = readFileSync(path, "utf8");
    for (const [, specifier] of text.matchAll(/\bload(?:<[\s\S]*?>)?\(\s*"([^"]+)"\s*\)/g)) loads.add(specifier);
    for (const [, owner, specifier] of text.matchAll(/\bloadDependencyOf(?:<[\s\S]*?>)?\(\s*"([^"]+)",\s*"([^"]+)"\s*\)/g)) dependencies.add(JSON.stringify([owner, specifier]));
    for (const [, owner, specifier] of text.matchAll(/\bdeferFunctionDependency\(\s*"([^"]+)",\s*"([^"]+)"\s*\)/g)) defers.add(JSON.stringify([owner, specifier]));
  }
  return { loads: [...loads].sort(), dependencies: [...dependencies].sort().map((d) => JSON.parse(d)), defers: [...defers].sort().map((d) => JSON.parse(d)) };
}

const requireFromRoot = createRequire(join(root, "package.json"));

/** providers/load.ts for the snapshot: the same functions over a table of static requires. */
function staticLoadModule({ loads, dependencies }) {
  const ownerRequire = (owner) => createRequire(requireFromRoot.resolve(`${owner}/package.json`));
  const entries = [
    ...loads.map((specifier) => [specifier, requireFromRoot.resolve(specifier)]),
    ...dependencies.map(([owner, specifier]) => [`${owner} > ${specifier}`, ownerRequire(owner).resolve(specifier)]),
  ];
  return [
    "const modules = {",
    ...entries.map(([key, path]) => `  ${JSON.stringify(key)}: () => require(${JSON.stringify(path)}),`),
    "};",
    "export function load(specifier) {",
    "  const get = modules[specifier];",
    "  if (!get) throw new Error(`${specifier} is not in the startup snapshot's module table (scripts/ensure-built.mjs)`);",
    "  return get();",
    "}",
    "export function loadDependencyOf(owner, specifier) { return load(`${owner} > ${specifier}`); }",
    "// Deferred when bundling instead (see snapshotModules).",
    "export function deferFunctionDependency() {}",
  ].join("\n");
}

/** esbuild plugin: providers/load.ts as a static table, and deferred dependencies as stand-ins that require on first call. */
function snapshotModules() {
  const specifiers = providerSpecifiers();
  return {
    name: "platform-snapshot-modules",
    setup(builder) {
      builder.onLoad({ filter: /[\\/]providers[\\/]load\.ts$/ }, () => ({ contents: staticLoadModule(specifiers), loader: "js", resolveDir: join(root, "providers") }));
      for (const [owner, dependency] of specifiers.defers) {
        const ownerFolder = dirname(requireFromRoot.resolve(`${owner}/package.json`));
        builder.onResolve({ filter: new RegExp(`^${dependency.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }, (args) =>
          relative(ownerFolder, args.importer).startsWith("..") ? undefined : { path: `${owner} > ${dependency}`, namespace: "deferred" },
        );
      }
      builder.onLoad({ filter: /.*/, namespace: "deferred" }, (args) => {
        const [owner, dependency] = args.path.split(" > ");
        const ownerPackage = requireFromRoot.resolve(`${owner}/package.json`);
        return {
          loader: "js",
          contents: `let real;\nmodule.exports = function deferred(...args) {\n  real ??= require("node:module").createRequire(${JSON.stringify(ownerPackage)})(${JSON.stringify(dependency)});\n  return real.apply(this, args);\n};\n`,
        };
      });
    },
  };
}

/**
 * Bundles each snapshot's entry point into one CommonJS script (a snapshot cannot load files; the
 * platform snapshot's takes cdktf and the provider classes in too) and has Node build the snapshot
 * from it. A Node that cannot, or a
 * failing warm-up, leaves no blob, the reason in the stamp, and one warning: bin/platform then
 * starts those commands the ordinary way.
 */
export async function buildSnapshot(started = Date.now()) {
  const { build: esbuild } = await import("esbuild");
  const lines = [snapshotIdentity()];
  // A bare environment: the warm-up must not see the user's settings (PLATFORM_*, CDKTF_*, NODE_OPTIONS).
  const env = Object.fromEntries(["PATH", "HOME", "TMPDIR"].filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]]));
  for (const [name, { entry, withProviders, nodeFlags }] of Object.entries(SNAPSHOTS)) {
    const blob = join(dist, `${name}.blob`);
    const script = join(dist, `snapshot-${name}.cjs`);
    rmSync(blob, { force: true });
    writeFileSync(join(dist, `${name}.flags`), `${nodeFlags.join(" ")}\n`);
    let failure;
    try {
      await esbuild({
        absWorkingDir: root,
        entryPoints: [entry],
        outfile: script,
        bundle: true,
        format: "cjs",
        platform: "node",
        target: "node20",
        // The blob keeps the script's source; comments only make it larger.
        legalComments: "none",
        define: { "import.meta.url": "__platformModuleUrl" },
        banner: { js: 'var __platformModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
        plugins: withProviders ? [snapshotModules()] : [],
        external: withProviders ? [] : ["cdktf", "constructs", "@cdktf/*", "@aws-sdk/*"],
        logLevel: "error",
      });
      // Written beside and then renamed: a command starting meanwhile never reads half a blob.
      const partial = `${blob}.partial`;
      const result = spawnSync(process.execPath, [...nodeFlags, "--snapshot-blob", partial, "--build-snapshot", script], { cwd: dist, encoding: "utf8", env });
      if (result.status !== 0 || !existsSync(partial)) failure = (result.stderr || result.error?.message || `exit ${result.status}`).trim().split("\n").slice(-3).join(" | ");
      else renameSync(partial, blob);
    } catch (error) {
      failure = error instanceof Error ? error.message.split("\n")[0] : String(error);
    }
    if (failure) {
      rmSync(`${blob}.partial`, { force: true });
      process.stderr.write(`platform: no ${name} startup snapshot (its commands start without it, just slower): ${failure}\n`);
    }
    lines.push(`${name}: ${failure ? `failed: ${failure}` : "built"}`);
  }
  writeFileSync(SNAPSHOT_STAMP, `${lines.join("\n")}\n`);
  // Dated like the bundle's stamp: a source saved during the build is newer than both.
  utimesSync(SNAPSHOT_STAMP, started / 1000, started / 1000);
}

const LOCK = join(root, "dist.lock");
const LOCK_OWNER = join(LOCK, "pid");
/** A lock folder still without its owner after this long was left by a build that died at once. */
const OWNERLESS_LOCK_MS = 10_000;
/** No build takes this long: an older lock is abandoned whoever holds its pid now. */
const ANCIENT_LOCK_MS = 600_000;

/** The pid written in the lock, if any. */
function lockOwner() {
  try {
    return Number(readFileSync(LOCK_OWNER, "utf8").trim()) || undefined;
  } catch {
    return undefined;
  }
}

/** True when the lock's owner has died (a build interrupted with Ctrl-C), or the lock is too old to be live. */
function lockIsAbandoned() {
  const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
  const owner = lockOwner();
  if (owner === undefined) return age > OWNERLESS_LOCK_MS;
  if (age > ANCIENT_LOCK_MS) return true;
  try {
    process.kill(owner, 0);
    return false;
  } catch (error) {
    return error.code === "ESRCH";
  }
}

/**
 * Runs `work` holding the build lock (a folder beside dist/ with the owner's pid), so that two
 * commands that find dist/ stale at the same moment do not rebuild it over each other: the one
 * that waits then finds it fresh. A build deletes dist/ first, so without the lock one could delete
 * what the other writes. A lock whose owner has died (a build interrupted with Ctrl-C) is taken over.
 */
async function withBuildLock(work) {
  let said = false;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(LOCK_OWNER, `${process.pid}\n`);
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      if (lockIsAbandoned()) {
        // Renamed away first: of two commands taking over at once, only one succeeds.
        const away = `${LOCK}.abandoned-${process.pid}`;
        try {
          renameSync(LOCK, away);
          rmSync(away, { recursive: true, force: true });
        } catch {
          // Another command took it over first; try again.
        }
        continue;
      }
      if (!said) process.stderr.write("platform: waiting for another command to finish rebuilding dist/\n");
      said = true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    // Only our own lock: never one another command has taken over meanwhile.
    if (lockOwner() === process.pid) rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Permission errors: a read-only installation, where the optional snapshots cannot be rebuilt. */
const READ_ONLY = new Set(["EACCES", "EPERM", "EROFS"]);

/** Builds what is stale (or everything, with `force`), under the build lock. */
async function buildWhatIsStale(force = false) {
  // Walks every source file: once on the way in; again only after waiting for the lock.
  const bundleStale = force || !isBuildFresh();
  if (!bundleStale && isSnapshotCurrent()) return;
  try {
    await withBuildLock(async () => {
      // Checked again: another command may have built while this one waited.
      if (force || !isBuildFresh()) await build();
      else if (!isSnapshotCurrent()) await buildSnapshot(statSync(stamp).mtimeMs);
    });
  } catch (error) {
    // The snapshots only make commands start sooner: without them (say, another user's Node on a
    // read-only installation) commands run as they are. A stale bundle cannot be run.
    if (bundleStale || !READ_ONLY.has(error.code)) throw error;
  }
}

/** The URL of a bundled entry point (`cli` or `app`), building first when needed. */
export async function ensureBuilt(entry = "cli") {
  await buildWhatIsStale();
  return pathToFileURL(join(dist, `${entry}.js`)).href;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWhatIsStale(process.argv.includes("--force"));
