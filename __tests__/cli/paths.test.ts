// Path arguments: every bad `--out` or spec path is a one-line usage error (exit 2) in bounded time,
// from the real command; nothing is written anywhere.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnPlatform } from "../helpers/cli.js";
import { fixturePath } from "../helpers/spec.js";

const folder = mkdtempSync(join(tmpdir(), "platform-paths-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const SPEC = fixturePath("platform-minimal.yaml");

// Readable by the unprivileged user of the read-only test (mkdtemp makes it private).
chmodSync(folder, 0o755);
writeFileSync(join(folder, "a-file"), "x");
symlinkSync(join(folder, "loop"), join(folder, "loop"));
symlinkSync(join(folder, "nothing-here"), join(folder, "dangling"));
execFileSync("mkfifo", [join(folder, "fifo")]);
mkdirSync(join(folder, "read-only"));
chmodSync(join(folder, "read-only"), 0o555);

/** Runs the real command with a deadline: a hang fails the test instead of stalling it. */
function run(argv: string[], options: { asNobody?: boolean } = {}) {
  const started = Date.now();
  const result = options.asNobody
    ? (() => {
        try {
          const stdout = execFileSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", join(process.cwd(), "bin/platform.mjs"), ...argv], {
            cwd: folder,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
            timeout: 30_000,
            env: { PATH: process.env.PATH, HOME: folder },
          });
          return { code: 0, stdout, stderr: "" };
        } catch (error) {
          const failed = error as { status: number | null; stdout: string; stderr: string };
          return { code: failed.status ?? -1, stdout: failed.stdout, stderr: failed.stderr };
        }
      })()
    : spawnPlatform(argv, { cwd: folder });
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

function expectUsageLine(result: ReturnType<typeof run>, pattern: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.seconds).toBeLessThan(20);
}

describe("bad --out folders are usage errors", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["a file", join(folder, "a-file"), /--out ".*a-file" is a file, not a folder: give --out a folder/],
    ["below a file", join(folder, "a-file", "sub"), /is below a file, not a folder/],
    ["a symbolic link loop", join(folder, "loop"), /is a symbolic link loop/],
    ["a dangling symbolic link", join(folder, "dangling"), /is a symbolic link to nothing/],
    ["a device", "/dev/null", /--out "\/dev\/null" is a device, not a folder/],
    ["a FIFO", join(folder, "fifo"), /is a FIFO \(named pipe\), not a folder/],
    ["in /proc (used to hang)", "/proc/x", /--out "\/proc\/x" is in \/proc, a system folder/],
    ["empty (used to write into the working folder)", "", /^platform synth: --out is empty: /],
  ];
  for (const [label, out, pattern] of cases) {
    it(label, () => {
      expectUsageLine(run(["synth", SPEC, "--out", out]), pattern);
    });
  }

  it("a read-only folder, as an unprivileged user", () => {
    const result = run(["synth", SPEC, "--out", join(folder, "read-only", "out")], { asNobody: true });
    expectUsageLine(result, /cannot be created: .*read-only is not writable \(EACCES\)/);
    expect(readdirSync(join(folder, "read-only"))).toEqual([]);
  });

  it("nothing was written into the working folder", () => {
    expect(existsSync(join(folder, "stacks"))).toBe(false);
    expect(existsSync(join(folder, "cdktf.out"))).toBe(false);
  });
});

describe("spec paths that can never be a spec are usage errors", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["a FIFO (used to hang)", join(folder, "fifo"), /".*fifo" is a FIFO \(named pipe\), not a spec file/],
    ["a symbolic link loop", join(folder, "loop"), /".*loop" is a symbolic link loop/],
    ["a device", "/dev/zero", /"\/dev\/zero" is in \/dev, a system folder/],
    ["in /proc", "/proc/self/status", /"\/proc\/self\/status" is in \/proc, a system folder/],
    ["empty", "", /a spec path is empty/],
  ];
  for (const [label, spec, pattern] of cases) {
    it(`validate: ${label}`, () => expectUsageLine(run(["validate", spec]), pattern));
    it(`synth: ${label}`, () => expectUsageLine(run(["synth", spec, "--out", join(folder, "never")]), pattern));
  }
});
