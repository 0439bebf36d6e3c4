// bin/platform: starts the commands the startup snapshots hold from them when they are current, and
// everything else (or everything, when they are not) through bin/platform.mjs; same results both ways.
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateSpecs } from "../../bench/generate.mjs";
import { SNAPSHOTS } from "../../src/cli/snapshots.js";
import { spawnPlatform, type Launcher } from "../helpers/cli.js";
import { filesBelow } from "../helpers/files.js";
import { fixturePath, ROOT } from "../helpers/spec.js";

const work = mkdtempSync(join(tmpdir(), "platform-launcher-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const blob = (name: keyof typeof SNAPSHOTS) => `${ROOT}dist/${name}.blob`;
const STAMP = `${ROOT}dist/snapshots.stamp`;
const LAUNCHERS: Launcher[] = ["bin/platform", "bin/platform.mjs"];

/**
 * Runs the same command through both launchers; `{out}` in argv becomes a folder per launcher.
 * bin/platform runs with PLATFORM_DEBUG, to check it did start from a snapshot; that line is
 * taken off before the two are compared.
 */
function both(argv: string[], env: NodeJS.ProcessEnv = {}) {
  return LAUNCHERS.map((launcher) => {
    const out = join(work, `${argv[0]}-${launcher.replace(/\W/g, "-")}-${Math.random().toString(36).slice(2)}`);
    const viaSnapshot = launcher === "bin/platform";
    const run = spawnPlatform(argv.map((arg) => (arg === "{out}" ? out : arg)), { launcher, env: viaSnapshot ? { ...env, PLATFORM_DEBUG: "1" } : env });
    let stderr = run.stderr;
    if (viaSnapshot) {
      const [first, ...rest] = stderr.split("\n");
      expect(first, argv.join(" ")).toMatch(/^platform: starting from the startup snapshot /);
      stderr = rest.join("\n");
    }
    return { ...run, stderr: stderr.replaceAll(out, "{out}"), stdout: run.stdout.replaceAll(out, "{out}"), out };
  });
}

const startedFrom = (argv: string[]) => spawnPlatform(argv, { env: { PLATFORM_DEBUG: "1" } }).stderr.split("\n")[0];
/** The line bin/platform writes (with PLATFORM_DEBUG) when it starts from snapshot `name`, with its Node flags. */
function fromSnapshot(name: keyof typeof SNAPSHOTS): string {
  const flags = readFileSync(`${ROOT}dist/${name}.flags`, "utf8").trim();
  return `platform: starting from the startup snapshot ${blob(name)}${flags ? ` with ${flags}` : ""}`;
}

describe("bin/platform and the startup snapshots", () => {
  it("has both snapshots built for this Node and this folder after the build", () => {
    const [identity, ...outcomes] = readFileSync(STAMP, "utf8").trim().split("\n");
    expect(outcomes).toEqual(["platform: built", "validate: built"]);
    expect(identity).toContain(`root=${ROOT.replace(/\/$/, "")}`);
    for (const name of ["platform", "validate"] as const) expect(readFileSync(blob(name)).length).toBeGreaterThan(1_000_000);
  });

  it("starts each command from a snapshot that holds it: the small one when it can", () => {
    for (const command of new Set([...SNAPSHOTS.platform, ...SNAPSHOTS.validate])) {
      const expected = (SNAPSHOTS.validate as readonly string[]).includes(command) ? "validate" : "platform";
      expect(startedFrom([command, "--help"]), command).toBe(fromSnapshot(expected));
    }
    // synth runs with a bounded heap; validate --policy builds stacks, so it goes there too.
    expect(fromSnapshot("platform")).toMatch(/ with --max-old-space-size=\d+$/);
    for (const argv of [["validate", "x.yaml", "--policy"], ["validate", "--policy", "x.yaml"]]) {
      expect(startedFrom(argv), argv.join(" ")).toBe(fromSnapshot("platform"));
    }
    expect(spawnPlatform(["schema"], { env: { PLATFORM_DEBUG: "1", NODE_OPTIONS: "--max-old-space-size=4096" } }).stderr).toMatch(
      /^platform: starting without a startup snapshot: NODE_OPTIONS is set\n$/,
    );
    for (const command of ["list", "create", "preview"]) {
      expect(startedFrom([command, "--help"])).toBe(`platform: starting without a startup snapshot: "${command}" is not one of the commands they hold`);
    }
  });

  it("synthesizes byte for byte what the ordinary start does, with the same messages", () => {
    const [snapshot, ordinary] = both(["synth", fixturePath("platform-agent-factory.yaml"), "--out", "{out}"]);
    expect(snapshot!.code).toBe(0);
    expect({ ...snapshot!, out: "" }).toEqual({ ...ordinary!, out: "" });
    const files = filesBelow(snapshot!.out);
    expect(Object.keys(files)).toEqual(["stacks/agent-factory/cdk.tf.json", "stacks/agent-factory/outputs.json", "stacks/agent-factory/webhook-gateway.zip"]);
    expect(files).toEqual(filesBelow(ordinary!.out));
  });

  it("reports invalid specs, policy findings, the schema and a diff as the ordinary start does", () => {
    const invalid = readdirSync(`${ROOT}fixtures/invalid`).map((name) => `${ROOT}fixtures/invalid/${name}`);
    const [a, b] = both(["validate", ...invalid, "--format", "json"]);
    expect(a!.code).toBe(1);
    expect(a).toEqual({ ...b, out: a!.out });
    const [policyA, policyB] = both(["validate", fixturePath("platform-agent-factory.yaml"), "--policy"]);
    expect(policyA!.stderr).toContain("PLT-LMB-003");
    expect(policyA).toEqual({ ...policyB, out: policyA!.out });
    const [schemaA, schemaB] = both(["schema"]);
    expect(schemaA!.stdout.length).toBeGreaterThan(1000);
    expect(schemaA).toEqual({ ...schemaB, out: schemaA!.out });
    const base = spawnPlatform(["synth", fixturePath("platform-minimal.yaml"), "--out", join(work, "diff-base")]);
    const head = spawnPlatform(["synth", fixturePath("platform-redis.yaml"), "--out", join(work, "diff-head")]);
    expect([base.code, head.code]).toEqual([0, 0]);
    const [diffA, diffB] = both(["diff", join(work, "diff-base"), join(work, "diff-head")]);
    expect(diffA!.stdout).toContain("platform-redis");
    expect(diffA).toEqual({ ...diffB, out: diffA!.out });
  });

  it("spreads many specs over worker threads from the snapshot too", () => {
    const specs = generateSpecs(fixturePath("platform-agent-factory.yaml"), 6, join(work, "many"));
    const [snapshot, ordinary] = both(["synth", ...specs, "--out", "{out}"], { PLATFORM_WORKERS: "2" });
    expect(snapshot!.code).toBe(0);
    expect(snapshot!.stderr).not.toMatch(/\n\s+at /);
    // A stack, its output manifest and the webhook gateway's zip per spec.
    expect(Object.keys(filesBelow(snapshot!.out))).toHaveLength(18);
    expect(filesBelow(snapshot!.out)).toEqual(filesBelow(ordinary!.out));
    const [validated, validatedOrdinary] = both(["validate", ...specs, "--format", "json"], { PLATFORM_WORKERS: "2" });
    expect(validated!.code).toBe(0);
    expect(validated).toEqual({ ...validatedOrdinary, out: validated!.out });
  });

  it("finds the engine through a relative symbolic link in a folder with spaces (node_modules/.bin)", () => {
    const bin = join(work, "a project", "node_modules", ".bin");
    mkdirSync(bin, { recursive: true });
    symlinkSync(relative(bin, `${ROOT}bin/platform`), join(bin, "platform"));
    const result = spawnSync(join(bin, "platform"), ["schema"], { cwd: join(work, "a project"), encoding: "utf8", env: { PATH: process.env.PATH, PLATFORM_DEBUG: "1" } });
    expect(result.stderr).toBe(`${fromSnapshot("validate")}\n`);
    expect(JSON.parse(result.stdout)).toHaveProperty("$schema");
  });

  describe("falls back to bin/platform.mjs", () => {
    // A copy of the launcher in a folder of its own, with a stand-in bin/platform.mjs that only says
    // it ran, the real blobs, and a stamp written for that folder.
    const root = join(work, "project");
    const stamp = join(root, "dist/snapshots.stamp");
    const source = join(root, "src/engine.ts");
    const hourAgo = Date.now() / 1000 - 3600;
    mkdirSync(join(root, "bin"), { recursive: true });
    for (const folder of ["dist", "src", "schema", "providers", "scripts"]) mkdirSync(join(root, folder), { recursive: true });
    copyFileSync(`${ROOT}bin/platform`, join(root, "bin/platform"));
    chmodSync(join(root, "bin/platform"), 0o755);
    writeFileSync(join(root, "bin/platform.mjs"), 'console.log(`ordinary start: ${process.argv.slice(2).join(" ")}`);\n');
    for (const name of ["platform", "validate"] as const) {
      symlinkSync(blob(name), join(root, `dist/${name}.blob`));
      copyFileSync(`${ROOT}dist/${name}.flags`, join(root, `dist/${name}.flags`));
    }
    for (const file of [source, join(root, "package.json"), join(root, "package-lock.json"), join(root, "scripts/ensure-built.mjs")]) {
      writeFileSync(file, "{}\n");
      utimesSync(file, hourAgo, hourAgo);
    }
    const identity = readFileSync(STAMP, "utf8").split("\n")[0]!.replace(/root=.*$/, `root=${root}`);
    const writeStamp = (line: string) => {
      writeFileSync(stamp, `${line}\nplatform: built\nvalidate: built\n`);
      utimesSync(stamp, hourAgo + 60, hourAgo + 60);
    };
    const run = (argv: string[]) => spawnSync(join(root, "bin/platform"), argv, { encoding: "utf8", env: { PATH: process.env.PATH, PLATFORM_DEBUG: "1" } });

    it("uses the snapshot when the stamp matches and no source is newer", () => {
      writeStamp(identity);
      const result = run(["schema"]);
      expect(result.stderr).toContain("starting from the startup snapshot");
      expect(JSON.parse(result.stdout)).toHaveProperty("$schema");
    });

    it("when a source is newer than the snapshot", () => {
      writeStamp(identity);
      utimesSync(source, hourAgo + 120, hourAgo + 120);
      try {
        const result = run(["schema"]);
        expect(result.stdout).toBe("ordinary start: schema\n");
        expect(result.stderr).toContain(`${source} is newer than the snapshot`);
      } finally {
        utimesSync(source, hourAgo, hourAgo);
      }
    });

    it("when the dependencies changed (package-lock.json is newer)", () => {
      writeStamp(identity);
      const lockFile = join(root, "package-lock.json");
      utimesSync(lockFile, hourAgo + 120, hourAgo + 120);
      try {
        expect(run(["synth", "x.yaml"]).stderr).toContain(`${lockFile} is newer than the snapshots`);
      } finally {
        utimesSync(lockFile, hourAgo, hourAgo);
      }
    });

    it("when the snapshot was built by another Node or for another folder", () => {
      for (const line of [identity.replace(/size=\d+/, "size=1"), identity.replace(/root=.*$/, "root=/elsewhere")]) {
        writeStamp(line);
        const result = run(["validate", "x.yaml"]);
        expect(result.stdout).toBe("ordinary start: validate x.yaml\n");
        expect(result.stderr).toContain("(another Node, or another folder)");
      }
    });

    it("when there is no snapshot, and for the other commands", () => {
      writeStamp(identity);
      expect(run(["create", "x.yaml"]).stdout).toBe("ordinary start: create x.yaml\n");
      expect(run([]).stdout).toBe("ordinary start: \n");
      rmSync(join(root, "dist/validate.flags"));
      expect(run(["schema"]).stderr).toContain(`no ${join(root, "dist/validate.flags")} beside the snapshot`);
      expect(run(["schema"]).stdout).toBe("ordinary start: schema\n");
      copyFileSync(`${ROOT}dist/validate.flags`, join(root, "dist/validate.flags"));
      rmSync(join(root, "dist/platform.blob"));
      const result = run(["synth", "x.yaml"]);
      expect(result.stdout).toBe("ordinary start: synth x.yaml\n");
      expect(result.stderr).toContain("no snapshot in dist/");
      expect(run(["schema"]).stderr).toContain("starting from the startup snapshot");
    });
  });
});
