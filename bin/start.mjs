// @ts-check
// How the `platform` command starts (bin/platform.mjs; bin/cdktf-app.mjs uses ensureBundle too).
//
// 1. The bundle. In a checkout of the engine's repository, dist/ is rebuilt first when a source is
//    newer (scripts/build.mjs); an installed package ships dist/ as it was packed.
// 2. synth and validate --policy, which build stacks, run in a second Node started from the
//    engine's startup snapshot: a V8 heap saved with cdktf, the provider classes and the engine
//    already loaded and warmed up (src/cli/snapshot.ts). That start costs a second Node process
//    (about 50 ms) and saves about 0.4 s. Everything else runs here, from the bundle.
// 3. The snapshot is built on first use, by this Node (a snapshot only loads in the Node that built
//    it), into dist/ or, when dist/ is read-only (a global install), into the user's cache folder.
//    Its file name carries a hash of what it is valid for (snapshotIdentity): another Node, another
//    folder or another bundle looks for another file, so two Node versions never replace each
//    other's snapshot. When it cannot be used, the command runs here the ordinary way, only
//    slower; PLATFORM_DEBUG=1 says why.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The engine's folder (this file is <root>/bin/start.mjs; Node has already followed links). */
export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const DIST = join(ROOT, "dist");
/** The script the snapshot is built from (scripts/build.mjs writes it) and the Node flags it is built and run with. */
const SNAPSHOT_SCRIPT = join(DIST, "snapshot-platform.cjs");
/**
 * V8 loads a snapshot only under the flags it was built with. The heap bound: with the default
 * limit V8 let garbage reach about 150 MB between full collections of a long synth; 384 MB is ten
 * times what a synthesis keeps alive (docs/performance.md).
 */
export const SNAPSHOT_FLAGS = ["--max-old-space-size=384"];

/** @param {string} message */
export function trace(message) {
  if (process.env.PLATFORM_DEBUG) process.stderr.write(`platform: ${message}\n`);
}

/** The URL of a bundled entry point (`cli` or `app`), rebuilding dist/ first in a checkout whose sources changed. */
export async function ensureBundle(entry = "cli") {
  const builder = join(ROOT, "scripts/build.mjs");
  if (existsSync(builder) && existsSync(join(ROOT, "src"))) {
    /** @type {typeof import("../scripts/build.mjs")} */
    const { buildIfStale } = await import(pathToFileURL(builder).href);
    await buildIfStale();
  }
  return pathToFileURL(join(DIST, `${entry}.js`)).href;
}

/** @param {string[]} argv @returns {boolean} true for the commands the snapshot holds and speeds up */
export function snapshotHolds(argv) {
  return argv[0] === "synth" || (argv[0] === "validate" && argv.includes("--policy"));
}

/** Flags of synth and validate that take no value; every other flag takes one (--out, --format, the settings). */
const BOOLEAN_FLAGS = new Set(["--debug", "--help", "-h", "--policy"]);

/**
 * Whether the command would spread its specs over worker threads (the rule of threadCount in
 * src/engine/batch.ts: PLATFORM_WORKERS, else one thread per 8 specs to synthesize or 150 to
 * validate, per core), counting the arguments that are not flags or their values.
 * @param {string[]} argv @param {NodeJS.ProcessEnv} env @param {number} cores @returns {boolean}
 */
export function usesWorkerThreads(argv, env, cores) {
  let specs = 0;
  for (let i = 1; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    if (arg.startsWith("-")) {
      if (!BOOLEAN_FLAGS.has(arg) && !arg.includes("=")) i += 1;
    } else specs += 1;
  }
  const requested = Number(env.PLATFORM_WORKERS);
  if (Number.isInteger(requested) && requested >= 1) return Math.min(requested, specs) > 1;
  return Math.min(cores, Math.floor(specs / (argv[0] === "synth" ? 8 : 150))) > 1;
}

/**
 * Node 22 and 24 abort a worker thread started in a process that was started from a snapshot like
 * this one (an assertion when the worker sets up a native binding the snapshot's isolate already
 * set up: node:crypto's key objects on 24.21, pipes on 22.23; Node 20 is fine). There, a batch that
 * would use worker threads runs without the snapshot, whose start-up saving is small beside such a
 * batch anyway.
 * @param {string[]} argv @param {string} nodeVersion @param {NodeJS.ProcessEnv} env @param {number} cores
 */
export function workersNeedOrdinaryStart(argv, nodeVersion = process.versions.node, env = process.env, cores = availableParallelism()) {
  return Number(nodeVersion.split(".")[0]) >= 22 && usesWorkerThreads(argv, env, cores);
}

/**
 * What a snapshot is valid for: the Node that built it (real path, version, size, modification
 * time), the engine's real folder (the snapshot holds absolute paths) and the bundle it came from.
 */
export function snapshotIdentity() {
  const node = realpathSync(process.execPath);
  const { size, mtimeMs } = statSync(node);
  const bundle = readFileSync(join(DIST, ".build-stamp"), "utf8").trim();
  return `node=${node} version=${process.version} size=${size} mtime=${Math.floor(mtimeMs / 1000)} root=${realpathSync(ROOT)} bundle=${bundle}`;
}

/** The per-user cache folder for this engine version. */
function cacheFolder() {
  const base = process.env.XDG_CACHE_HOME || (process.platform === "darwin" ? join(homedir(), "Library/Caches") : join(homedir(), ".cache"));
  const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
  return join(base, "platform-engine", version);
}

/** The snapshot's file name for this identity: `platform-<hash>.blob` (and `.failed` beside it when it could not be built). */
export function snapshotName(identity = snapshotIdentity()) {
  return `platform-${createHash("sha256").update(identity).digest("hex").slice(0, 16)}`;
}

/** @param {string} folder @returns {boolean} */
function writable(folder) {
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} file @returns {string | undefined} the file's text, if it can be read */
function readIfThere(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Builds the snapshot `<name>.blob` in `folder` (`node --build-snapshot`, which runs the warm-up);
 * returns why it failed, if it did, having recorded that in `<name>.failed`.
 * @param {string} folder @param {string} name @returns {string | undefined}
 */
function buildSnapshot(folder, name) {
  process.stderr.write("platform: building the startup snapshot for this Node (once, a few seconds)\n");
  const blob = join(folder, `${name}.blob`);
  // Written beside and renamed: a command starting meanwhile never reads half a snapshot.
  const partial = `${blob}.${process.pid}.partial`;
  // A bare environment: the warm-up must not see the user's settings (PLATFORM_*, CDKTF_*, NODE_OPTIONS).
  const env = Object.fromEntries(["PATH", "HOME", "TMPDIR"].flatMap((key) => (process.env[key] === undefined ? [] : [[key, process.env[key]]])));
  const result = spawnSync(process.execPath, [...SNAPSHOT_FLAGS, "--snapshot-blob", partial, "--build-snapshot", SNAPSHOT_SCRIPT], { cwd: folder, encoding: "utf8", env });
  let failure;
  if (result.status === 0 && existsSync(partial)) renameSync(partial, blob);
  else {
    // The error's own line, not the stack under it.
    const said = (result.stderr || result.error?.message || `exit ${result.status}`).trim().split("\n");
    failure = (said.find((line) => /^\w*Error\b/.test(line)) ?? said.at(-1) ?? "").trim();
  }
  rmSync(partial, { force: true });
  if (failure) {
    // Recorded, so that it is not retried on every command.
    writeFileSync(join(folder, `${name}.failed`), `${failure}\n`);
    process.stderr.write(`platform: no startup snapshot (commands start without it, just slower): ${failure}\n`);
  }
  return failure;
}

/**
 * The snapshot to start from, built on first use; or why there is none. It is looked for in dist/,
 * then in the cache folder, and built in the first of the two that is writable.
 * @returns {{ blob: string } | { reason: string }}
 */
export function findSnapshot() {
  if (process.env.PLATFORM_NO_SNAPSHOT) return { reason: "PLATFORM_NO_SNAPSHOT is set" };
  // V8 refuses a snapshot when its flags differ from those it was built with.
  if (process.env.NODE_OPTIONS) return { reason: "NODE_OPTIONS is set" };
  if (!existsSync(SNAPSHOT_SCRIPT)) return { reason: `no ${SNAPSHOT_SCRIPT} (run npm run build)` };
  const name = snapshotName();
  const folders = [DIST, cacheFolder()];
  for (const folder of folders) {
    if (existsSync(join(folder, `${name}.blob`))) return { blob: join(folder, `${name}.blob`) };
    const failed = readIfThere(join(folder, `${name}.failed`));
    if (failed !== undefined) return { reason: `building it failed: ${failed.trim()} (remove ${join(folder, `${name}.failed`)} to try again)` };
  }
  const folder = folders.find(writable);
  if (!folder) return { reason: `nowhere to build it: neither ${DIST} nor ${folders[1]} is writable` };
  const failure = buildSnapshot(folder, name);
  return failure ? { reason: `building it failed: ${failure}` } : { blob: join(folder, `${name}.blob`) };
}

/**
 * Runs the command in a Node started from the snapshot, passing signals on; resolves to its exit
 * code, or undefined when that Node could not load the snapshot (exit 14 before any command ran).
 * @param {string} blob @param {string[]} argv @returns {Promise<number | undefined>}
 */
export function runFromSnapshot(blob, argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...SNAPSHOT_FLAGS, "--snapshot-blob", blob, ...argv], { stdio: "inherit" });
    /** @type {NodeJS.Signals[]} */
    const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
    /** @param {NodeJS.Signals} signal */
    const pass = (signal) => child.kill(signal);
    for (const signal of signals) process.on(signal, pass);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      for (const name of signals) process.off(name, pass);
      // Ended by a signal: end the same way, so the caller sees what the user would.
      if (signal) process.kill(process.pid, signal);
      else resolve(code === 14 ? undefined : (code ?? 1));
    });
  });
}
