// The engine as service teams get it: `npm pack`, then `npm install <tarball>` into a repository of
// their own (and globally), then `platform` from node_modules/.bin. npm runs with --offline: the
// dependencies come from npm's cache, which `npm ci` filled; nothing reaches the network.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/spec.js";

const work = mkdtempSync(join(tmpdir(), "platform-package-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const NPM_QUIET = ["--offline", "--no-audit", "--no-fund", "--loglevel=error"];

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => void (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => void (stderr += text));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let tarball: string;
let files: string[];
const local = join(work, "service");
const globalPrefix = join(work, "global");

beforeAll(async () => {
  // Packed from a copy: packing rebuilds dist/, which the other tests' commands use.
  const source = join(work, "source");
  for (const item of ["package.json", "package-lock.json", "README.md", "CHANGELOG.md", "bin", "scripts", "src", "schema", "providers", "fixtures/platform-agent-factory.yaml"]) {
    if (existsSync(join(ROOT, item))) cpSync(join(ROOT, item), join(source, item), { recursive: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(source, "node_modules"));
  const packed = spawnSync("npm", ["pack", "--json", "--pack-destination", work, "--loglevel=error"], { cwd: source, encoding: "utf8" });
  expect(packed.status, packed.stderr).toBe(0);
  const [report] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, report!.filename);
  files = report!.files.map((file) => file.path);
  // A service repository with the engine as a dependency, and a global installation, side by side.
  mkdirSync(local);
  writeFileSync(join(local, "package.json"), '{ "name": "orders-service", "private": true }\n');
  cpSync(join(ROOT, "fixtures/platform-minimal.yaml"), join(local, "platform.yaml"));
  const installs = await Promise.all([
    run("npm", ["install", tarball, ...NPM_QUIET], { cwd: local }),
    run("npm", ["install", "--global", "--prefix", globalPrefix, tarball, ...NPM_QUIET], { cwd: work }),
  ]);
  for (const install of installs) expect(install.code, install.stderr).toBe(0);
});

describe("the packed engine", () => {
  it("holds only what runs: the launcher, the bundle and the snapshot script, no sources, tests, fixtures or benchmarks", () => {
    expect(files).toEqual(expect.arrayContaining(["bin/platform.mjs", "bin/start.mjs", "dist/cli.js", "dist/worker.js", "dist/snapshot-platform.cjs", "dist/.build-stamp", "package.json", "README.md"]));
    expect(files.filter((file) => /^(src|__tests__|bench|scripts|providers|docs)\//.test(file) || file.endsWith(".ts"))).toEqual([]);
    expect(files.filter((file) => file.startsWith("fixtures/"))).toEqual(["fixtures/platform-agent-factory.yaml"]);
    // A snapshot only loads in the Node that built it: it is built on first use, never shipped.
    expect(files.filter((file) => /\.(blob|id)$/.test(file))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(local, "node_modules/platform-engine/package.json"), "utf8"));
    expect(manifest.scripts?.prepare ?? manifest.scripts?.install ?? manifest.scripts?.postinstall).toBeUndefined();
  });

  it("validates and synthesizes in a service repository through node_modules/.bin/platform, from the snapshot it builds on first use", async () => {
    const platform = join(local, "node_modules/.bin/platform");
    const validated = await run(platform, ["validate", "platform.yaml"], { cwd: local });
    expect(validated, validated.stderr).toMatchObject({ code: 0, stderr: "" });
    expect(validated.stdout).toContain("platform.yaml: valid (service platform-minimal)");
    const first = await run(platform, ["synth", "platform.yaml", "--out", "out"], { cwd: local, env: { PLATFORM_DEBUG: "1" } });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("platform: building the startup snapshot for this Node");
    expect(first.stderr).toMatch(new RegExp(`platform: starting from the startup snapshot ${join(local, "node_modules/platform-engine/dist/")}platform-[0-9a-f]{16}\\.blob\n`));
    // The same bytes as the engine's own repository synthesizes.
    const inRepository = await run(join(ROOT, "bin/platform.mjs"), ["synth", join(local, "platform.yaml"), "--out", join(work, "repository-out")], { cwd: ROOT });
    expect(inRepository.code, inRepository.stderr).toBe(0);
    expect(readFileSync(join(local, "out/stacks/platform-minimal/cdk.tf.json"), "utf8")).toBe(readFileSync(join(work, "repository-out/stacks/platform-minimal/cdk.tf.json"), "utf8"));
    const second = await run(platform, ["synth", "platform.yaml", "--out", "again"], { cwd: local, env: { PLATFORM_DEBUG: "1" } });
    expect(second.stderr).not.toContain("building");
    expect(readFileSync(join(local, "again/stacks/platform-minimal/cdk.tf.json"), "utf8")).toBe(readFileSync(join(local, "out/stacks/platform-minimal/cdk.tf.json"), "utf8"));
  });

  it("writes a spec with init whose modeline points at the installed schema, and --version names the installed engine", async () => {
    const platform = join(local, "node_modules/.bin/platform");
    const init = await run(platform, ["init", "--name", "orders", "--with", "compute,database", "--out", "services/orders/platform.yaml"], { cwd: local });
    expect(init.code, init.stderr).toBe(0);
    const text = readFileSync(join(local, "services/orders/platform.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../../node_modules/platform-engine/schema/platform-spec-v1.json");
    expect(existsSync(join(local, "node_modules/platform-engine/schema/platform-spec-v1.json"))).toBe(true);
    const validated = await run(platform, ["validate", "services/orders/platform.yaml"], { cwd: local });
    expect(validated.code, validated.stderr).toBe(0);
    const version = await run(platform, ["--version"], { cwd: local });
    expect(version.stdout.split("\n")[0]).toBe(`platform-engine ${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version}`);
  });

  it("works installed globally by another user: the snapshot goes to that user's cache, and without one the command still runs", async () => {
    const platform = join(globalPrefix, "bin/platform");
    const otherUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const installed = join(globalPrefix, "lib/node_modules/platform-engine/dist");
    // Root ignores permissions: the read-only installation is tested as another user when root.
    if (!("uid" in otherUser)) chmodSync(installed, 0o555);
    chmodSync(work, 0o755);
    const cache = join(work, "cache");
    mkdirSync(cache, { mode: 0o777 });
    chmodSync(cache, 0o777);
    const home = join(work, "home");
    mkdirSync(home, { mode: 0o777 });
    chmodSync(home, 0o777);
    writeFileSync(join(home, "platform.yaml"), readFileSync(join(ROOT, "fixtures/platform-minimal.yaml")));
    chmodSync(join(home, "platform.yaml"), 0o644);
    try {
      const synth = await run(platform, ["synth", "platform.yaml", "--out", "out"], { cwd: home, env: { HOME: home, XDG_CACHE_HOME: cache, PLATFORM_DEBUG: "1" }, ...otherUser });
      expect(synth.code, synth.stderr).toBe(0);
      expect(synth.stderr).toMatch(new RegExp(`platform: starting from the startup snapshot ${cache}/platform-engine/0\\.\\d+\\.\\d+/platform-[0-9a-f]{16}\\.blob`));
      expect(readdirSync(installed).filter((file) => file.endsWith(".blob"))).toEqual([]);
      const readOnlyCache = join(work, "read-only-cache");
      mkdirSync(readOnlyCache, { mode: 0o555 });
      chmodSync(readOnlyCache, 0o555);
      const nowhere = await run(platform, ["synth", "platform.yaml", "--out", "out2"], { cwd: home, env: { HOME: home, XDG_CACHE_HOME: readOnlyCache, PLATFORM_DEBUG: "1" }, ...otherUser });
      expect(nowhere.code, nowhere.stderr).toBe(0);
      expect(nowhere.stderr).toMatch(/platform: starting without the startup snapshot: nowhere to build it/);
      expect(readFileSync(join(home, "out2/stacks/platform-minimal/cdk.tf.json"), "utf8")).toBe(readFileSync(join(home, "out/stacks/platform-minimal/cdk.tf.json"), "utf8"));
    } finally {
      if (!("uid" in otherUser)) chmodSync(installed, 0o755);
    }
  });
});
