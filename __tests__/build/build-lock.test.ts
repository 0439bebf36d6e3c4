// scripts/build.mjs's lock: two commands that find dist/ stale at the same moment must not rebuild it
// over each other. Real processes take the lock; the "build" they run only records when it starts and
// ends, so that the test takes a second instead of building the engine again and again.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/spec.js";

const work = mkdtempSync(join(tmpdir(), "platform-build-lock-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const lock = join(work, "dist.lock");
const log = join(work, "log");

/** A process that takes the lock and, holding it, logs its start and end 300 ms apart. */
function build(name: string): Promise<{ code: number | null; stderr: string }> {
  const script = `
    const { withBuildLock } = await import(${JSON.stringify(pathToFileURL(join(ROOT, "scripts/build.mjs")).href)});
    const { appendFileSync } = await import("node:fs");
    await withBuildLock(async () => {
      appendFileSync(${JSON.stringify(log)}, "start ${name}\\n");
      await new Promise((resolve) => setTimeout(resolve, 300));
      appendFileSync(${JSON.stringify(log)}, "end ${name}\\n");
    }, ${JSON.stringify(lock)});`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => void (stderr += text));
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

const WAITING = "platform: waiting for another command to finish rebuilding dist/\n";
const logged = () => readFileSync(log, "utf8").trim().split("\n");

describe("the build lock", () => {
  it("builds once at a time: of two builds started together, one waits, says so, and builds after", async () => {
    writeFileSync(log, "");
    const results = await Promise.all([build("a"), build("b")]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect(results.map((r) => r.stderr).sort()).toEqual(["", WAITING]);
    const [first, second] = results[0]!.stderr ? ["b", "a"] : ["a", "b"];
    expect(logged()).toEqual([`start ${first}`, `end ${first}`, `start ${second}`, `end ${second}`]);
    expect(existsSync(lock)).toBe(false);
  });

  it("waits while a live command holds the lock, touching nothing", async () => {
    writeFileSync(log, "");
    mkdirSync(lock);
    writeFileSync(join(lock, "pid"), `${process.pid}\n`);
    const waiting = build("a");
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(readFileSync(log, "utf8")).toBe("");
    rmSync(lock, { recursive: true });
    expect(await waiting).toEqual({ code: 0, stderr: WAITING });
    expect(logged()).toEqual(["start a", "end a"]);
  });

  it("takes over a lock whose command has died, or that never got an owner", async () => {
    writeFileSync(log, "");
    mkdirSync(lock);
    writeFileSync(join(lock, "pid"), `${spawnSync(process.execPath, ["-e", "0"]).pid}\n`);
    expect(await build("a")).toEqual({ code: 0, stderr: "" });
    expect(existsSync(lock)).toBe(false);
    mkdirSync(lock);
    const longAgo = Date.now() / 1000 - 3600;
    utimesSync(lock, longAgo, longAgo);
    expect(await build("b")).toEqual({ code: 0, stderr: "" });
    expect(logged()).toEqual(["start a", "end a", "start b", "end b"]);
    expect(existsSync(lock)).toBe(false);
  });
});
