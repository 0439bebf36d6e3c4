// bin/platform.mjs and bin/start.mjs: synth and validate --policy start from the startup snapshot
// when it can be used (built on first use, in dist/ or in the user's cache), everything else runs
// in the launcher; same results either way.
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateSpecs } from "../../bench/generate.mjs";
import { snapshotHolds, snapshotIdentity, snapshotName, usesWorkerThreads, workersNeedOrdinaryStart } from "../../bin/start.mjs";
import { SNAPSHOT_COMMANDS } from "../../src/cli/snapshots.js";
import { spawnPlatform } from "../helpers/cli.js";
import { filesBelow } from "../helpers/files.js";
import { fixturePath, ROOT } from "../helpers/spec.js";

const work = mkdtempSync(join(tmpdir(), "platform-launcher-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const BLOB = `${ROOT}dist/${snapshotName()}.blob`;
const FROM_SNAPSHOT = `platform: starting from the startup snapshot ${BLOB}`;

/**
 * Runs the same command from the snapshot and without it; `{out}` in argv becomes a folder per run.
 * The snapshot run has PLATFORM_DEBUG, to check it did start from the snapshot; that line is taken
 * off before the two are compared.
 */
function both(argv: string[], env: NodeJS.ProcessEnv = {}, firstLine = FROM_SNAPSHOT) {
  return [true, false].map((snapshot) => {
    const out = join(work, `${argv[0]}-${snapshot}-${Math.random().toString(36).slice(2)}`);
    const run = spawnPlatform(
      argv.map((arg) => (arg === "{out}" ? out : arg)),
      { snapshot, env: snapshot ? { ...env, PLATFORM_DEBUG: "1" } : env },
    );
    let stderr = run.stderr;
    if (snapshot) {
      const [first, ...rest] = stderr.split("\n");
      expect(first, argv.join(" ")).toBe(firstLine);
      stderr = rest.join("\n");
    }
    return { ...run, stderr: stderr.replaceAll(out, "{out}"), stdout: run.stdout.replaceAll(out, "{out}"), out };
  });
}

const startedFrom = (argv: string[], env: NodeJS.ProcessEnv = {}) => spawnPlatform(argv, { env: { PLATFORM_DEBUG: "1", ...env } }).stderr.split("\n")[0];

describe("bin/platform.mjs and the startup snapshot", () => {
  it("has the snapshot built for this Node, this folder and this bundle after the build, named by them", () => {
    const identity = snapshotIdentity();
    expect(identity).toContain(`node=${realpathSync(process.execPath)} version=${process.version} `);
    expect(identity).toContain(`root=${ROOT.replace(/\/$/, "")} `);
    expect(identity).toContain(`bundle=${readFileSync(`${ROOT}dist/.build-stamp`, "utf8").trim()}`);
    expect(snapshotName()).toMatch(/^platform-[0-9a-f]{16}$/);
    expect(snapshotName(identity.replace(/version=\S+/, "version=v99.0.0"))).not.toBe(snapshotName());
    expect(readFileSync(BLOB).length).toBeGreaterThan(1_000_000);
  });

  it("starts synth and validate --policy from the snapshot, and runs every other command itself", () => {
    expect(SNAPSHOT_COMMANDS.every((command) => snapshotHolds(command === "validate" ? [command, "--policy"] : [command]))).toBe(true);
    expect([["validate", "--policy", "x.yaml"], ["validate", "x.yaml"], ["schema"], ["diff", "a", "b"], ["create"], []].map(snapshotHolds)).toEqual([true, false, false, false, false, false]);
    expect(startedFrom(["synth", "--help"])).toBe(FROM_SNAPSHOT);
    expect(startedFrom(["validate", "--help"])).toBe('platform: starting without the startup snapshot: "validate" runs sooner without it (only synth and validate --policy use it)');
    expect(startedFrom(["synth", "--help"], { NODE_OPTIONS: "--max-old-space-size=4096" })).toBe("platform: starting without the startup snapshot: NODE_OPTIONS is set");
    expect(startedFrom(["synth", "--help"], { PLATFORM_NO_SNAPSHOT: "1" })).toBe("platform: starting without the startup snapshot: PLATFORM_NO_SNAPSHOT is set");
  });

  it("knows when a batch would use worker threads, which Node 22 and 24 cannot start from the snapshot", () => {
    const specs = (count: number) => Array.from({ length: count }, (_, i) => `s${i}.yaml`);
    expect(usesWorkerThreads(["synth", ...specs(15), "--out", "x"], {}, 2)).toBe(false);
    expect(usesWorkerThreads(["synth", ...specs(16), "--out", "x"], {}, 2)).toBe(true);
    expect(usesWorkerThreads(["synth", ...specs(16)], {}, 1)).toBe(false);
    expect(usesWorkerThreads(["synth", "a.yaml", "--out", "b.yaml", "--region", "eu-west-1"], { PLATFORM_WORKERS: "2" }, 2)).toBe(false);
    expect(usesWorkerThreads(["synth", "a.yaml", "--debug", "b.yaml"], { PLATFORM_WORKERS: "2" }, 2)).toBe(true);
    expect(usesWorkerThreads(["validate", "--policy", ...specs(299)], {}, 2)).toBe(false);
    expect(usesWorkerThreads(["validate", "--policy", ...specs(300)], {}, 2)).toBe(true);
    expect(workersNeedOrdinaryStart(["synth", "a.yaml", "b.yaml"], "24.21.0", { PLATFORM_WORKERS: "2" }, 2)).toBe(true);
    expect(workersNeedOrdinaryStart(["synth", "a.yaml", "b.yaml"], "22.23.3", { PLATFORM_WORKERS: "2" }, 2)).toBe(true);
    expect(workersNeedOrdinaryStart(["synth", "a.yaml", "b.yaml"], "20.20.2", { PLATFORM_WORKERS: "2" }, 2)).toBe(false);
    expect(workersNeedOrdinaryStart(["synth", "a.yaml"], "24.21.0", { PLATFORM_WORKERS: "2" }, 2)).toBe(false);
  });

  it("synthesizes byte for byte what the ordinary start does, with the same messages", () => {
    const [snapshot, ordinary] = both(["synth", fixturePath("platform-agent-factory.yaml"), "--out", "{out}"]);
    expect(snapshot!.code).toBe(0);
    expect({ ...snapshot!, out: "" }).toEqual({ ...ordinary!, out: "" });
    const files = filesBelow(snapshot!.out);
    expect(Object.keys(files)).toEqual(["stacks/agent-factory/cdk.tf.json", "stacks/agent-factory/outputs.json", "stacks/agent-factory/webhook-gateway.zip"]);
    expect(files).toEqual(filesBelow(ordinary!.out));
  });

  it("reports invalid specs and policy findings as the ordinary start does", () => {
    const invalid = readdirSync(`${ROOT}fixtures/invalid`)
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => `${ROOT}fixtures/invalid/${name}`);
    const [a, b] = both(["validate", ...invalid, fixturePath("platform-agent-factory.yaml"), "--policy"]);
    expect(a!.code).toBe(1);
    expect(a!.stderr).toContain("PLT-LMB-003");
    expect(a!.stderr).toContain("fixtures/invalid/cache-missing-node-type.yaml:");
    expect(a).toEqual({ ...b, out: a!.out });
  });

  it("spreads many specs over worker threads from the snapshot too (on Node 20; later Nodes start such a batch without it)", () => {
    const specs = generateSpecs(fixturePath("platform-agent-factory.yaml"), 4, join(work, "many"));
    // Except from Node 22 on, whose worker threads abort in a process started from the snapshot.
    const node22 = Number(process.versions.node.split(".")[0]) >= 22;
    const started = node22 ? "platform: starting without the startup snapshot: from Node 22 on, worker threads cannot start from it, and this batch uses them" : FROM_SNAPSHOT;
    const [snapshot, ordinary] = both(["synth", ...specs, "--out", "{out}"], { PLATFORM_WORKERS: "2" }, started);
    expect(snapshot!.code).toBe(0);
    expect(snapshot!.stderr).not.toMatch(/\n\s+at /);
    // A stack, its output manifest and the webhook gateway's zip per spec.
    expect(Object.keys(filesBelow(snapshot!.out))).toHaveLength(12);
    expect(filesBelow(snapshot!.out)).toEqual(filesBelow(ordinary!.out));
  });

  it("finds the engine through a relative symbolic link in a folder with spaces (node_modules/.bin)", () => {
    const bin = join(work, "a project", "node_modules", ".bin");
    mkdirSync(bin, { recursive: true });
    symlinkSync(relative(bin, `${ROOT}bin/platform.mjs`), join(bin, "platform"));
    const run = (argv: string[]) => spawnSync(join(bin, "platform"), argv, { cwd: join(work, "a project"), encoding: "utf8", env: { PATH: process.env.PATH, PLATFORM_DEBUG: "1" } });
    const synth = run(["synth", "--help"]);
    expect(synth.stderr).toBe(`${FROM_SNAPSHOT}\n`);
    expect(synth.stdout).toMatch(/^usage: platform synth/);
    expect(JSON.parse(run(["schema"]).stdout)).toHaveProperty("$schema");
  });
});

describe("the startup snapshot in an installation of its own", () => {
  // A stand-in installation: the real launcher, a bundle whose cli.js only says it ran, and a
  // snapshot script whose main says it started from the snapshot (it builds in a fraction of a second).
  const root = join(work, "installed");
  const dist = join(root, "dist");
  mkdirSync(join(root, "bin"), { recursive: true });
  mkdirSync(dist);
  for (const file of ["bin/platform.mjs", "bin/start.mjs", "package.json"]) copyFileSync(`${ROOT}${file}`, join(root, file));
  writeFileSync(join(dist, ".build-stamp"), "2026-01-01T00:00:00.000Z\n");
  writeFileSync(join(dist, "cli.js"), 'export async function main(argv) { console.log(`ordinary start: ${argv.join(" ")}`); return 0; }\n');
  const snapshotScript = (main: string) => writeFileSync(join(dist, "snapshot-platform.cjs"), `require("node:v8").startupSnapshot.setDeserializeMainFunction(() => { ${main} });\n`);
  snapshotScript('console.log(`from the snapshot: ${process.argv.slice(1).join(" ")}`);');
  // Everything readable by another user: the read-only cases run as one (root ignores permissions).
  chmodSync(work, 0o755);
  const otherUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
  const cache = join(work, "cache");
  mkdirSync(cache, { mode: 0o777 });
  chmodSync(cache, 0o777);

  function run(argv: string[], options: { env?: NodeJS.ProcessEnv; readOnly?: boolean } = {}) {
    if (options.readOnly && !otherUser) chmodSync(dist, 0o555);
    try {
      const result = spawnSync(join(root, "bin/platform.mjs"), argv, {
        encoding: "utf8",
        env: { PATH: process.env.PATH, HOME: work, XDG_CACHE_HOME: cache, PLATFORM_DEBUG: "1", ...options.env },
        ...(options.readOnly ? otherUser : {}),
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    } finally {
      if (options.readOnly && !otherUser) chmodSync(dist, 0o755);
    }
  }
  const BUILDING = "platform: building the startup snapshot for this Node (once, a few seconds)\n";
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  const blobs = (folder: string) => readdirSync(folder).filter((file) => /^platform-[0-9a-f]{16}\.blob$/.test(file));

  it("builds the snapshot into dist/ on first use, then starts from it", () => {
    const first = run(["synth", "x.yaml"]);
    expect(blobs(dist)).toHaveLength(1);
    const blob = join(dist, blobs(dist)[0]!);
    expect(first).toEqual({ code: 0, stdout: "from the snapshot: synth x.yaml\n", stderr: `${BUILDING}platform: starting from the startup snapshot ${blob}\n` });
    expect(run(["synth", "x.yaml"]).stderr).toBe(`platform: starting from the startup snapshot ${blob}\n`);
    expect(run(["schema"]).stdout).toBe("ordinary start: schema\n");
  });

  it("builds another for another bundle (or Node, or folder), leaving the first in place", () => {
    const before = blobs(dist);
    writeFileSync(join(dist, ".build-stamp"), "2026-02-02T00:00:00.000Z\n");
    try {
      const result = run(["synth", "x.yaml"]);
      expect(result.stderr).toMatch(new RegExp(`^${escape(BUILDING)}`));
      expect(result.stdout).toBe("from the snapshot: synth x.yaml\n");
      expect(blobs(dist)).toHaveLength(2);
      expect(blobs(dist)).toEqual(expect.arrayContaining(before));
    } finally {
      writeFileSync(join(dist, ".build-stamp"), "2026-01-01T00:00:00.000Z\n");
    }
  });

  it("builds it into the user's cache when dist/ is read-only, and starts without it when nothing is writable", () => {
    const readOnlyCache = join(work, "read-only-cache");
    mkdirSync(readOnlyCache, { mode: 0o555 });
    chmodSync(readOnlyCache, 0o555);
    for (const blob of blobs(dist)) rmSync(join(dist, blob));
    const first = run(["synth", "x.yaml"], { readOnly: true });
    expect(first.stdout).toBe("from the snapshot: synth x.yaml\n");
    expect(first.stderr).toMatch(new RegExp(`^${escape(`${BUILDING}platform: starting from the startup snapshot ${cache}/platform-engine/`)}\\d+\\.\\d+\\.\\d+/platform-[0-9a-f]{16}\\.blob\n$`));
    expect(blobs(dist)).toEqual([]);
    expect(run(["synth", "x.yaml"], { readOnly: true }).stderr).not.toContain(BUILDING);
    const nowhere = run(["synth", "x.yaml"], { readOnly: true, env: { XDG_CACHE_HOME: readOnlyCache } });
    expect(nowhere.code).toBe(0);
    expect(nowhere.stdout).toBe("ordinary start: synth x.yaml\n");
    expect(nowhere.stderr).toMatch(/^platform: starting without the startup snapshot: nowhere to build it: neither .*dist nor .* is writable\n$/);
  });

  it("starts without it, once saying why, when it cannot be built, and does not retry every time", () => {
    for (const blob of blobs(dist)) rmSync(join(dist, blob));
    rmSync(join(cache, "platform-engine"), { recursive: true, force: true });
    try {
      writeFileSync(join(dist, "snapshot-platform.cjs"), 'throw new Error("the warm-up failed");\n');
      const first = run(["synth", "x.yaml"]);
      expect(first.code).toBe(0);
      expect(first.stdout).toBe("ordinary start: synth x.yaml\n");
      expect(first.stderr).toContain("platform: no startup snapshot (commands start without it, just slower): Error: the warm-up failed\n");
      expect(first.stderr).not.toMatch(/\n\s+at /);
      const second = run(["synth", "x.yaml"]);
      expect(second.stderr).not.toContain(BUILDING);
      expect(second.stderr).toMatch(/^platform: starting without the startup snapshot: building it failed: Error: the warm-up failed \(remove .*platform-[0-9a-f]{16}\.failed to try again\)\n$/);
    } finally {
      snapshotScript('console.log(`from the snapshot: ${process.argv.slice(1).join(" ")}`);');
    }
  });

  it("says in one line, without a stack trace, when the installation has no bundle", () => {
    const cli = readFileSync(join(dist, "cli.js"));
    rmSync(join(dist, "cli.js"));
    try {
      const result = run(["schema"], { env: { PLATFORM_DEBUG: "" } });
      expect(result.code).toBe(3);
      expect(result.stderr).toBe(`platform: cannot start: Cannot find module '${join(dist, "cli.js")}' imported from ${join(root, "bin/platform.mjs")}\n  rerun with PLATFORM_DEBUG=1 for the stack trace, and report it\n`);
    } finally {
      writeFileSync(join(dist, "cli.js"), cli);
    }
  });
});
