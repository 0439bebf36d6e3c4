import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/spec.js";

describe("a reader that stops early (`platform preview ... | head`)", () => {
  it.each([
    ["preview, run by the launcher itself", [`${ROOT}bin/platform.mjs`, "preview", `${ROOT}fixtures/platform-agent-factory.yaml`]],
    ["synth, run from the startup snapshot", [`${ROOT}bin/platform.mjs`, "synth", `${ROOT}fixtures/platform-agent-factory.yaml`, "--out", mkdtempSync(join(tmpdir(), "closed-pipe-"))]],
  ])("ends the command quietly: no EPIPE stack trace (%s)", async (_name, [command, ...args]) => {
    const child = spawn(command!, args, {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head -1`: read the first chunk, then close the pipe.
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  });
});
