import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TerraformRunner } from "../../src/lifecycle/terraform.js";

/** A stand-in binary that prints the environment terraform would get (the real one cannot show it). */
function fakeTerraform(): string {
  const dir = mkdtempSync(join(tmpdir(), "fake-terraform-"));
  const binary = join(dir, "terraform");
  writeFileSync(binary, '#!/bin/sh\necho "checkpoint=$CHECKPOINT_DISABLE automation=$TF_IN_AUTOMATION input=$TF_INPUT"\n');
  chmodSync(binary, 0o755);
  return binary;
}

describe("terraform's environment (fake binary: it only prints what it receives)", () => {
  it("has the version checkpoint off, runs unattended and never prompts", async () => {
    const runner = new TerraformRunner({ dir: tmpdir(), env: { PATH: process.env.PATH }, onOutput: () => {}, onProgress: () => {}, binary: fakeTerraform(), checkVersion: false });
    const run = await runner.step("version", ["version"], { quiet: true });
    expect(run.stdout.trim()).toBe("checkpoint=1 automation=1 input=0");
  });

  it("leaves the checkpoint on when the user turned it on explicitly", async () => {
    const runner = new TerraformRunner({ dir: tmpdir(), env: { PATH: process.env.PATH, CHECKPOINT_DISABLE: "" }, onOutput: () => {}, onProgress: () => {}, binary: fakeTerraform(), checkVersion: false });
    expect((await runner.step("version", ["version"], { quiet: true })).stdout.trim()).toBe("checkpoint= automation=1 input=0");
  });
});
