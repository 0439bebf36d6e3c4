// scripts/ensure-built.mjs, run on a copy of the project (the real dist/ is in use by other tests):
// two commands that find dist/ stale at the same moment must not rebuild it over each other.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/spec.js";

const copy = mkdtempSync(join(tmpdir(), "platform-build-"));
afterAll(() => rmSync(copy, { recursive: true, force: true }));
for (const item of ["package.json", "scripts", "src", "schema", "providers", "fixtures/platform-agent-factory.yaml"]) {
  cpSync(join(ROOT, item), join(copy, item), { recursive: true });
}
symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));

function ensureBuilt(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(copy, "scripts/ensure-built.mjs"), ...args], { cwd: copy, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => void (stderr += text));
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

const WAITING = "platform: waiting for another command to finish rebuilding dist/\n";
const lock = join(copy, "dist.lock");

/** A pid no process has: that of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "0"]);
  return child.pid!;
}

function expectCompleteBuild() {
  for (const file of ["cli.js", "worker.js", "app.js", ".build-stamp", "platform.blob", "validate.blob"]) expect(existsSync(join(copy, "dist", file)), file).toBe(true);
  expect(readFileSync(join(copy, "dist/snapshots.stamp"), "utf8").trim().split("\n").slice(1)).toEqual(["platform: built", "validate: built"]);
}

describe("rebuilding dist/", () => {
  it("builds once at a time: two builds started together both end with a complete dist/", async () => {
    const results = await Promise.all([ensureBuilt("--force"), ensureBuilt("--force")]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    // One of them waited, and said so.
    expect(results.map((r) => r.stderr).sort()).toEqual(["", WAITING]);
    expectCompleteBuild();
    expect(existsSync(lock)).toBe(false);
  }, 120_000);

  it("waits while a live command holds the lock, touching nothing, and says so", async () => {
    const before = readFileSync(join(copy, "dist/.build-stamp"), "utf8");
    mkdirSync(lock);
    writeFileSync(join(lock, "pid"), `${process.pid}\n`);
    const build = ensureBuilt("--force");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(readFileSync(join(copy, "dist/.build-stamp"), "utf8")).toBe(before);
    expectCompleteBuild();
    rmSync(lock, { recursive: true });
    expect(await build).toEqual({ code: 0, stderr: WAITING });
    expect(readFileSync(join(copy, "dist/.build-stamp"), "utf8")).not.toBe(before);
    expectCompleteBuild();
  }, 120_000);

  it("takes over a lock whose command has died, or that never got an owner", async () => {
    mkdirSync(lock);
    writeFileSync(join(lock, "pid"), `${deadPid()}\n`);
    expect(await ensureBuilt("--force")).toEqual({ code: 0, stderr: "" });
    expectCompleteBuild();
    expect(existsSync(lock)).toBe(false);
    mkdirSync(lock);
    const longAgo = Date.now() / 1000 - 3600;
    utimesSync(lock, longAgo, longAgo);
    expect(await ensureBuilt("--force")).toEqual({ code: 0, stderr: "" });
    expect(existsSync(lock)).toBe(false);
  }, 120_000);
});
