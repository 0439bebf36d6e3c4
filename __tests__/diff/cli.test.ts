import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, spawnPlatform } from "../helpers/cli.js";
import { tempDir, writeSynthesis } from "./syntheses.js";

const stack = (desiredCount: number) => ({ resource: { aws_ecs_service: { compute_ecs_service: { desired_count: desiredCount } } } });

describe("platform diff (CLI)", () => {
  it("exits 0 and says so when the syntheses are identical", async () => {
    const base = writeSynthesis({ orders: stack(2) });
    const head = writeSynthesis({ orders: stack(2) });
    const run = await runCli(["diff", base, head]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("No differences");
  });

  it("exits 1 when they differ, in every format", async () => {
    const base = writeSynthesis({ orders: stack(2) });
    const head = writeSynthesis({ orders: stack(3) });
    for (const format of ["text", "markdown", "json"]) {
      const run = await runCli(["diff", base, head, "--format", format]);
      expect(run.code, format).toBe(1);
      expect(run.stdout, format).toContain("desired_count");
    }
  });

  it("accepts the stacks/ folder as well as the synth output folder", async () => {
    const base = writeSynthesis({ orders: stack(2) });
    expect((await runCli(["diff", base, join(base, "stacks")])).code).toBe(0);
  });

  it("reads an empty folder as a synthesis without stacks (a base before the first spec)", async () => {
    const run = await runCli(["diff", tempDir(), writeSynthesis({ orders: stack(2) }), "--format", "json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).stacks).toMatchObject([{ name: "orders", status: "added" }]);
  });

  it("exits 2 naming a missing folder", async () => {
    const run = await runCli(["diff", writeSynthesis({ orders: stack(2) }), "/nonexistent/synth"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("platform diff: /nonexistent/synth: no such directory");
  });

  it("exits 3 naming the stack file that is not JSON (an unreadable input, never exit 1)", async () => {
    const head = writeSynthesis({ orders: stack(2) });
    writeFileSync(join(head, "stacks", "orders", "cdk.tf.json"), "{ truncated");
    const run = await runCli(["diff", writeSynthesis({ orders: stack(2) }), head]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`${join(head, "stacks", "orders", "cdk.tf.json")}: not valid JSON`);
  });

  it("exits 2 for a folder that is not a synthesis", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "README.md"), "hello");
    const run = await runCli(["diff", dir, writeSynthesis({ orders: stack(2) })]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no synthesized stacks here");
  });

  it("exits 2 without exactly two folders or with an unknown format", async () => {
    const base = writeSynthesis({ orders: stack(2) });
    expect(await runCli(["diff", base])).toMatchObject({ code: 2, stderr: expect.stringContaining("expected two directories, got 1") });
    expect(await runCli(["diff", base, base, "--format", "html"])).toMatchObject({ code: 2, stderr: expect.stringContaining("--format must be one of text, markdown, json") });
  });

  it("exits 1 from the real command when the syntheses differ", () => {
    const run = spawnPlatform(["diff", writeSynthesis({ orders: stack(2) }), writeSynthesis({ orders: stack(3) })]);
    expect(run).toMatchObject({ code: 1, stderr: "" });
    expect(run.stdout).toContain("+     desired_count = 3");
  });

  it("is listed in the help", async () => {
    expect((await runCli(["--help"])).stdout).toContain("platform diff <base-dir> <head-dir> [--format text|markdown|json]");
  });
});
