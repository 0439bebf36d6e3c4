// @ts-check
// Bundles the engine into dist/ with esbuild (a development tool: `npm run build`, `npm pack` and
// bin/start.mjs in a checkout of this repository run it; an installed package ships dist/ built).
//   dist/cli.js, app.js, worker.js and their chunks: the ES module bundle the commands run. One
//     bundle loads far faster than hundreds of modules; cdktf, the providers and the AWS SDK stay
//     external (CommonJS, loaded with require on demand).
//   dist/snapshot-platform.cjs: one CommonJS script holding the whole engine, cdktf and the provider
//     classes, from which bin/start.mjs has Node build the startup snapshot on first use (a
//     snapshot cannot load files, so everything it needs must be in this one script).
//   dist/.build-stamp: dated when the build started; a source saved during the build stays newer.
// Type checking is separate: `npm run typecheck`.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
export const BUILD_STAMP = join(dist, ".build-stamp");
const ENTRY_POINTS = { cli: "src/cli/main.ts", app: "src/app.ts", worker: "src/engine/worker.ts" };
const SNAPSHOT_ENTRY = "src/cli/snapshot.ts";
/** What the bundle is made from: a newer file here means dist/ is stale. */
const SOURCES = ["src", "schema", "providers", "package.json", "package-lock.json", "scripts/build.mjs"];

/** The newest modification time among the sources: the TypeScript files in its folders, and the files it names. */
function newestSourceTime() {
  let newest = 0;
  /** @param {string} path @param {boolean} inFolder */
  const visit = (path, inFolder) => {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name), true);
    else if (stats && (!inFolder || path.endsWith(".ts"))) newest = Math.max(newest, stats.mtimeMs);
  };
  for (const source of SOURCES) visit(join(root, source), false);
  return newest;
}

/** True when dist/ holds a complete bundle at least as new as every source. */
export function isBundleFresh() {
  const stamp = statSync(BUILD_STAMP, { throwIfNoEntry: false });
  return stamp !== undefined && stamp.mtimeMs >= newestSourceTime();
}

/**
 * The specifiers providers/ loads with load() and loadDependencyOf(), and the dependencies it defers
 * with deferFunctionDependency(), found in its sources: the snapshot script must contain them all.
 */
function providerSpecifiers() {
  /** @type {Set<string>} */ const loads = new Set();
  /** @type {Set<string>} */ const dependencies = new Set();
  /** @type {Set<string>} */ const defers = new Set();
  /** @param {string} folder */
  const visit = (folder) => {
    for (const item of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, item.name);
      if (item.isDirectory()) visit(path);
      else if (item.name.endsWith(".ts")) {
        const text = readFileSync(path, "utf8");
        for (const [, specifier] of text.matchAll(/\bload(?:<[\s\S]*?>)?\(\s*"([^"]+)"\s*\)/g)) loads.add(/** @type {string} */ (specifier));
        for (const [, owner, specifier] of text.matchAll(/\bloadDependencyOf(?:<[\s\S]*?>)?\(\s*"([^"]+)",\s*"([^"]+)"\s*\)/g)) dependencies.add(`${owner} > ${specifier}`);
        for (const [, owner, specifier] of text.matchAll(/\bdeferFunctionDependency\(\s*"([^"]+)",\s*"([^"]+)"\s*\)/g)) defers.add(`${owner} > ${specifier}`);
      }
    }
  };
  visit(join(root, "providers"));
  return { loads: [...loads].sort(), dependencies: [...dependencies].sort(), defers: [...defers].sort() };
}

const requireFromRoot = createRequire(join(root, "package.json"));

/** esbuild plugin for the snapshot script: providers/load.ts as a table of static requires, deferred dependencies as stand-ins. */
function snapshotModules() {
  const { loads, dependencies, defers } = providerSpecifiers();
  /** @param {string} owner */
  const ownerRequire = (owner) => createRequire(requireFromRoot.resolve(`${owner}/package.json`));
  /** @param {string} key "owner > specifier" */
  const split = (key) => /** @type {[string, string]} */ (key.split(" > "));
  const table = [
    ...loads.map((specifier) => [specifier, requireFromRoot.resolve(specifier)]),
    ...dependencies.map((key) => [key, ownerRequire(split(key)[0]).resolve(split(key)[1])]),
  ];
  const loadModule = [
    "const modules = {",
    ...table.map(([key, path]) => `  ${JSON.stringify(key)}: () => require(${JSON.stringify(path)}),`),
    "};",
    "export function load(specifier) {",
    "  const get = modules[specifier];",
    "  if (!get) throw new Error(`${specifier} is not in the startup snapshot's module table (scripts/build.mjs)`);",
    "  return get();",
    "}",
    "export function loadDependencyOf(owner, specifier) { return load(`${owner} > ${specifier}`); }",
    "export function deferFunctionDependency() {}",
  ].join("\n");
  /** @type {import("esbuild").Plugin} */
  const plugin = {
    name: "platform-snapshot-modules",
    setup(builder) {
      builder.onLoad({ filter: /[\\/]providers[\\/]load\.ts$/ }, () => ({ contents: loadModule, loader: "js", resolveDir: join(root, "providers") }));
      for (const [owner, dependency] of defers.map(split)) {
        const ownerFolder = dirname(requireFromRoot.resolve(`${owner}/package.json`));
        const exact = new RegExp(`^${dependency.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
        builder.onResolve({ filter: exact }, (args) => (args.importer.startsWith(`${ownerFolder}/`) ? { path: `${owner} > ${dependency}`, namespace: "deferred" } : undefined));
      }
      // The real module is found when first called, from where the script then is (an installed
      // package's dependencies are not where they were when it was packed).
      builder.onLoad({ filter: /.*/, namespace: "deferred" }, (args) => {
        const [owner, dependency] = split(args.path);
        return {
          loader: "js",
          contents: [
            "let real;",
            "module.exports = function deferred(...args) {",
            `  if (!real) { const { createRequire } = require("node:module"); real = createRequire(createRequire(__filename).resolve(${JSON.stringify(`${owner}/package.json`)}))(${JSON.stringify(dependency)}); }`,
            "  return real.apply(this, args);",
            "};",
          ].join("\n"),
        };
      });
    },
  };
  return plugin;
}

/** Bundles everything into dist/ (replacing it). */
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
    external: ["cdktf", "constructs", "@cdktf/*", "@aws-sdk/*"],
    // Bundled CommonJS (the yaml package) calls require(); give the ES module bundle one.
    banner: { js: "import { createRequire as __platformRequire } from 'node:module'; const require = __platformRequire(import.meta.url);" },
    logLevel: "warning",
  });
  // The built-in webhook gateway's Lambda zip, which synth copies beside each stack that uses it.
  const { buildGatewayZip } = await import("./build-gateway.mjs");
  await buildGatewayZip();
  await esbuild({
    absWorkingDir: root,
    entryPoints: [SNAPSHOT_ENTRY],
    outfile: join(dist, "snapshot-platform.cjs"),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    // The snapshot keeps the script's source; comments only make it larger.
    legalComments: "none",
    define: { "import.meta.url": "__platformModuleUrl" },
    banner: { js: 'var __platformModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
    plugins: [snapshotModules()],
    logLevel: "error",
  });
  writeFileSync(BUILD_STAMP, `${new Date(started).toISOString()}\n`);
  utimesSync(BUILD_STAMP, started / 1000, started / 1000);
}

const LOCK = join(root, "dist.lock");
/** A lock folder still without its owner after this long was left by a build that died at once. */
const OWNERLESS_LOCK_MS = 10_000;
/** No build takes this long: an older lock is abandoned whoever holds its pid now. */
const ANCIENT_LOCK_MS = 600_000;

/** @param {string} lock @returns {number | undefined} the pid written in the lock */
function lockOwner(lock) {
  try {
    return Number(readFileSync(join(lock, "pid"), "utf8").trim()) || undefined;
  } catch {
    return undefined;
  }
}

/** @param {string} lock @returns {boolean} true when the lock's owner has died, or the lock is too old to be live */
function lockIsAbandoned(lock) {
  const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
  const owner = lockOwner(lock);
  if (owner === undefined) return age > OWNERLESS_LOCK_MS;
  if (age > ANCIENT_LOCK_MS) return true;
  try {
    process.kill(owner, 0);
    return false;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === "ESRCH";
  }
}

/**
 * Runs `work` holding `lock` (a folder with the owner's pid), so that two commands that find dist/
 * stale at the same moment do not rebuild it over each other (a build deletes dist/ first): the one
 * that waits says so, then finds it fresh. A lock whose owner has died (Ctrl-C) is taken over.
 * @template T
 * @param {() => Promise<T>} work
 * @param {string} [lock]
 * @returns {Promise<T>}
 */
export async function withBuildLock(work, lock = LOCK) {
  let said = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), `${process.pid}\n`);
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
      if (lockIsAbandoned(lock)) {
        // Renamed away first: of two commands taking over at once, only one succeeds.
        const away = `${lock}.abandoned-${process.pid}`;
        try {
          renameSync(lock, away);
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
    if (lockOwner(lock) === process.pid) rmSync(lock, { recursive: true, force: true });
  }
}

/** Rebuilds dist/ when it is stale (or always, with `force`), under the lock. */
export async function buildIfStale(force = false) {
  if (!force && isBundleFresh()) return;
  await withBuildLock(async () => {
    // Checked again: another command may have built while this one waited.
    if (force || !isBundleFresh()) await build();
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildIfStale(process.argv.includes("--force"));
