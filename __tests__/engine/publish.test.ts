// Publishing survives crashes and races, with real processes: a synth killed (-9) at each step of
// its publish leaves readers a complete set (the previous or the new one) and the next command
// recovers the folder; concurrent syntheses into one --out are serialized by the lock; a dead
// process's lock is taken over; read-only folders, as an unprivileged user, fail cleanly or not at all.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnPlatform } from "../helpers/cli.js";
import { filesBelow } from "../helpers/files.js";
import { fixturePath, ROOT } from "../helpers/spec.js";

const work = mkdtempSync(join(tmpdir(), "platform-publish-"));
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MINIMAL = fixturePath("platform-minimal.yaml");
const REDIS = fixturePath("platform-redis.yaml");
/** The minimal service, changed (more CPU): its stack differs from the fixture's. */
const CHANGED = join(work, "minimal-changed.yaml");
writeFileSync(CHANGED, readFileSync(MINIMAL, "utf8").replace("cpu: 256", "cpu: 512").replace("memory: 512", "memory: 1024"));
chmodSync(CHANGED, 0o644);

let counter = 0;
const fresh = (label: string) => join(work, `${label}-${counter++}`);
const env = (extra: NodeJS.ProcessEnv = {}) => ({ PATH: process.env.PATH, HOME: work, ...extra });

/** What a reader of `<out>/stacks` sees: every file, through the link. */
const seen = (out: string) => filesBelow(join(out, "stacks"));

/** The output of a synth run alone, in a folder of its own, as the reference for a set. */
function reference(specs: string[]): Record<string, string> {
  const out = fresh("reference");
  const run = spawnPlatform(["synth", ...specs, "--out", out]);
  expect(run.code).toBe(0);
  return seen(out);
}

function startSynth(
  specs: string[],
  out: string,
  extraEnv: NodeJS.ProcessEnv = {},
  args: string[] = [],
): { child: ChildProcess; stderr: () => string; done: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  // Without the startup snapshot, so that the process killed is the one publishing: from the
  // snapshot, synth runs in a second Node that a SIGKILL of the launcher cannot reach (SIGINT,
  // SIGTERM and SIGHUP are passed on; see bin/start.mjs).
  const child = spawn(join(ROOT, "bin/platform.mjs"), ["synth", ...specs, "--out", out, ...args], { cwd: work, env: env({ PLATFORM_NO_SNAPSHOT: "1", ...extraEnv }), stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (text: string) => void (stderr += text));
  child.stdout!.resume();
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stderr })));
  return { child, stderr: () => stderr, done };
}

async function waitFor(check: () => boolean, what: string, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** No staging folder, lock, journal or half-built generation left; at most the current and the previous generation. */
function expectTidy(out: string) {
  const entries = readdirSync(out);
  expect(entries.filter((e) => e.startsWith(".platform-tmp-") || e.startsWith(".platform-lock") || e === ".platform-publish.json" || e === ".platform-stacks-next")).toEqual([]);
  expect(lstatSync(join(out, "stacks")).isSymbolicLink()).toBe(true);
  expect(readdirSync(join(out, ".platform-stacks")).filter((e) => e !== "previous").length).toBeLessThanOrEqual(2);
}

const OLD_SPECS = [MINIMAL, REDIS];
const NEW_SPECS = [CHANGED];

describe("kill -9 at each step of the publish", () => {
  const oldSet = () => reference(OLD_SPECS);
  // The new run replaces platform-minimal only; platform-redis is carried over.
  const newSet = () => ({ ...reference(OLD_SPECS), ...reference(NEW_SPECS) });

  for (const [step, visible] of [
    ["start", "old"],
    ["generation", "old"],
    ["swapped", "new"],
  ] as const) {
    it(`killed at "${step}": readers see the complete ${visible} set; the next command recovers the folder`, async () => {
      const [before, after] = [oldSet(), newSet()];
      expect(after).not.toEqual(before);
      const out = fresh(`kill-${step}`);
      expect(spawnPlatform(["synth", ...OLD_SPECS, "--out", out]).code).toBe(0);

      const { child, done } = startSynth(NEW_SPECS, out, { PLATFORM_TEST_PUBLISH_PAUSE: step });
      await waitFor(() => existsSync(join(out, `.platform-test-paused-${step}`)), `the pause at ${step}`);
      expect(seen(out)).toEqual(visible === "old" ? before : after);
      child.kill("SIGKILL");
      expect((await done).signal).toBe("SIGKILL");
      rmSync(join(out, `.platform-test-paused-${step}`));
      expect(seen(out)).toEqual(visible === "old" ? before : after);

      // The next command (a synth that fails validation: it still takes the folder and recovers it).
      const invalid = join(work, "invalid.yaml");
      writeFileSync(invalid, "apiVersion: nope\n");
      expect(spawnPlatform(["synth", invalid, "--out", out]).code).toBe(1);
      expect(seen(out)).toEqual(visible === "old" ? before : after);
      expectTidy(out);

      // And a real one publishes on top of it.
      expect(spawnPlatform(["synth", ...NEW_SPECS, "--out", out]).code).toBe(0);
      expect(seen(out)).toEqual(after);
      expectTidy(out);
    });
  }

  it('a "stacks" folder from before the link layout: killed between moving it and linking, the next command finishes the publish', async () => {
    const out = fresh("kill-legacy");
    const legacy = fresh("legacy-source");
    expect(spawnPlatform(["synth", ...OLD_SPECS, "--out", legacy]).code).toBe(0);
    mkdirSync(out);
    cpSync(join(legacy, "stacks"), join(out, "stacks"), { recursive: true, dereference: true });
    expect(lstatSync(join(out, "stacks")).isDirectory()).toBe(true);
    const after = { ...seen(out), ...reference(NEW_SPECS) };

    const { child, done } = startSynth(NEW_SPECS, out, { PLATFORM_TEST_PUBLISH_PAUSE: "legacy-moved" });
    await waitFor(() => existsSync(join(out, ".platform-test-paused-legacy-moved")), "the pause after moving the legacy folder");
    child.kill("SIGKILL");
    await done;
    // The one moment the folder is missing, recorded in the journal.
    expect(existsSync(join(out, "stacks"))).toBe(false);
    expect(existsSync(join(out, ".platform-publish.json"))).toBe(true);

    const invalid = join(work, "invalid.yaml");
    writeFileSync(invalid, "apiVersion: nope\n");
    expect(spawnPlatform(["synth", invalid, "--out", out]).code).toBe(1);
    expect(seen(out)).toEqual(after);
    expectTidy(out);
  });
});

describe("concurrent commands on one --out", () => {
  it("the second waits, saying so, and the result is the two runs one after the other", async () => {
    const out = fresh("concurrent");
    const first = startSynth(OLD_SPECS, out, { PLATFORM_TEST_PUBLISH_PAUSE: "generation" });
    await waitFor(() => existsSync(join(out, ".platform-test-paused-generation")), "the first run's pause");

    const refused = spawnPlatform(["synth", ...NEW_SPECS, "--out", out, "--no-wait"], { cwd: work });
    expect(refused.code).toBe(3);
    expect(refused.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^platform synth: .* is in use by another platform command \(pid \d+, since .*\); run again when it has finished/)]);

    const second = startSynth(NEW_SPECS, out);
    await waitFor(() => second.stderr().includes("waiting for another platform command"), "the second run to wait for the lock");
    // Waiting, it has published nothing while the first holds the folder.
    await new Promise((done) => setTimeout(done, 500));
    expect(existsSync(join(out, "stacks"))).toBe(false);
    writeFileSync(join(out, ".platform-test-continue"), "");
    const [a, b] = await Promise.all([first.done, second.done]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(b.stderr).toMatch(/^waiting for another platform command \(pid \d+, since .*\) to finish with .* \.\.\.$/m);
    rmSync(join(out, ".platform-test-continue"));
    rmSync(join(out, ".platform-test-paused-generation"));
    expect(seen(out)).toEqual({ ...reference(OLD_SPECS), ...reference(NEW_SPECS) });
    expectTidy(out);
  });

  it("two runs started together both succeed and leave exactly one run's stacks over the other's", async () => {
    const out = fresh("race");
    const runs = [startSynth([MINIMAL], out), startSynth([CHANGED], out)];
    const results = await Promise.all(runs.map((run) => run.done));
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const final = seen(out);
    expect([reference([MINIMAL]), reference([CHANGED])]).toContainEqual(final);
    expectTidy(out);
  });

  it("a lock left by a dead process is taken over", () => {
    const out = fresh("stale");
    mkdirSync(out);
    const dead = spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" });
    const pid = Number(dead.stdout.trim());
    writeFileSync(join(out, ".platform-lock"), JSON.stringify({ pid, host: hostname(), since: "2020-01-01T00:00:00.000Z" }));
    const run = spawnPlatform(["synth", MINIMAL, "--out", out, "--no-wait"]);
    expect(run.code).toBe(0);
    expect(existsSync(join(out, ".platform-lock"))).toBe(false);
    expect(seen(out)).toEqual(reference([MINIMAL]));
  });
});

describe("read-only folders, as an unprivileged user (setpriv --reuid=65534)", () => {
  const asNobody = (args: string[]) => spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", join(ROOT, "bin/platform.mjs"), ...args], { cwd: work, env: env(), encoding: "utf8", timeout: 120_000 });

  it("a read-only stack folder: the new set is published; the old one stays until it can be removed", () => {
    const out = fresh("ro-stack");
    mkdirSync(out);
    chownSync(out, 65534, 65534);
    expect(asNobody(["synth", ...OLD_SPECS, "--out", out]).status).toBe(0);
    // The user makes a published stack folder read-only.
    const stackFolder = join(out, "stacks", "platform-minimal");
    chmodSync(stackFolder, 0o555);
    const run = asNobody(["synth", ...NEW_SPECS, "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(seen(out)).toEqual({ ...reference(OLD_SPECS), ...reference(NEW_SPECS) });
  });

  it("a legacy stacks folder that cannot be moved: exit 3, one line, the previous stacks unchanged", () => {
    const out = fresh("ro-legacy");
    const legacy = fresh("ro-legacy-source");
    expect(spawnPlatform(["synth", ...OLD_SPECS, "--out", legacy]).code).toBe(0);
    mkdirSync(out);
    cpSync(join(legacy, "stacks"), join(out, "stacks"), { recursive: true, dereference: true });
    chownSync(out, 65534, 65534);
    // The folder belongs to root and is read-only: the unprivileged user cannot move it.
    chmodSync(join(out, "stacks"), 0o555);
    const before = seen(out);
    const run = asNobody(["synth", ...NEW_SPECS, "--out", out]);
    expect(run.status).toBe(3);
    expect(run.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^platform synth: could not publish into .*\/stacks: EACCES .*; the previous stacks are unchanged$/)]);
    expect(lstatSync(join(out, "stacks")).isDirectory()).toBe(true);
    expect(seen(out)).toEqual(before);
    expect(readdirSync(out).filter((e) => e.startsWith(".platform-tmp-") || e.startsWith(".platform-lock") || e === ".platform-publish.json")).toEqual([]);
  });
});
