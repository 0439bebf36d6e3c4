// `diff` never says "differences" for a failure: its own failures and unreadable inputs are exit 3
// with one line; large and deep inputs are handled or refused with a stated limit; a BOM is
// accepted; the folder argument is resolved by what it holds, not by its name.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH } from "../../src/diff/values.js";
import { runCli, spawnPlatform } from "../helpers/cli.js";
import { tempDir, writeSynthesis } from "./syntheses.js";

const stack = (desiredCount: number) => ({ resource: { aws_ecs_service: { compute_ecs_service: { desired_count: desiredCount } } } });
const stackFile = (dir: string, name: string) => join(dir, "stacks", name, "cdk.tf.json");

describe("platform diff under hostile input", () => {
  it("a stack file nested 5,000 deep: exit 3, one line, no stack trace (the real command)", () => {
    const head = writeSynthesis({ orders: stack(2) });
    writeFileSync(stackFile(head, "orders"), `{"resource":{"aws_x":{"y":{"v":${'{"x":'.repeat(5000)}1${"}".repeat(5000)}}}}}`);
    const run = spawnPlatform(["diff", writeSynthesis({ orders: stack(2) }), head]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toEqual([`platform diff: ${stackFile(head, "orders")}: JSON nested deeper than ${MAX_JSON_DEPTH} levels, which no synthesized stack is`]);
  });

  it("a deeply nested JSON string inside a value is compared as text", async () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const base = writeSynthesis({ orders: { resource: { aws_iam_policy: { p: { policy: deep } } } } });
    const head = writeSynthesis({ orders: { resource: { aws_iam_policy: { p: { policy: `${deep} ` } } } } });
    const run = await runCli(["diff", base, head, "--format", "json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).stacks[0].status).toBe("changed");
  });

  it("130,000 resources: the one change is found", async () => {
    const many = (changed: number) => ({
      resource: { aws_ecs_service: Object.fromEntries(Array.from({ length: 130_000 }, (_, i) => [`r${i}`, { desired_count: i === 77_777 ? changed : 1 }])) },
    });
    const run = await runCli(["diff", writeSynthesis({ big: many(1) }), writeSynthesis({ big: many(2) })]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("~ aws_ecs_service.r77777");
    expect(run.stdout).toContain("resources: 1 to change");
  });

  it("a byte order mark is accepted", async () => {
    const base = writeSynthesis({ orders: stack(2) });
    const head = writeSynthesis({ orders: stack(2) });
    writeFileSync(stackFile(head, "orders"), `\uFEFF${JSON.stringify(stack(2))}`);
    expect(await runCli(["diff", base, head])).toMatchObject({ code: 0, stderr: "" });
  });

  it("a FIFO or a folder named cdk.tf.json is an unreadable input (exit 3), and never blocks", async () => {
    const head = writeSynthesis({ orders: stack(2), other: stack(1) });
    const fifo = stackFile(head, "orders");
    execFileSync("rm", [fifo]);
    execFileSync("mkfifo", [fifo]);
    const run = await runCli(["diff", writeSynthesis({ orders: stack(2) }), head]);
    expect(run.code).toBe(3);
    expect(run.stderr.trimEnd().split("\n")).toEqual([`platform diff: ${fifo}: cannot read (not a regular file)`]);
  });

  it("a service named `stacks` is a stack: <out>/stacks is read as the stacks folder", async () => {
    const base = writeSynthesis({ stacks: stack(1), orders: stack(2) });
    const head = writeSynthesis({ stacks: stack(1), orders: stack(3) });
    for (const [a, b] of [
      [join(base, "stacks"), join(head, "stacks")],
      [base, head],
    ]) {
      const run = await runCli(["diff", a!, b!, "--format", "json"]);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { stacks: Array<{ name: string; status: string }> };
      expect(report.stacks.filter((s) => s.status !== "unchanged").map((s) => s.name)).toEqual(["orders"]);
    }
  });

  it("an empty stacks folder of a synthesis is a synthesis without stacks", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "stacks"));
    const run = await runCli(["diff", dir, writeSynthesis({ orders: stack(2) }), "--format", "json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).stacks).toMatchObject([{ name: "orders", status: "added" }]);
  });
});
