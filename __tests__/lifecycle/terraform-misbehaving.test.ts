// Every terraform call has a timeout and a version check; a terraform that misbehaves (prints
// non-JSON, is too old, hangs) is an external failure (exit 3) with one line, never an internal
// error or a wait forever. The misbehaving binaries are stand-in scripts (a real terraform does
// none of this); the last test runs the real binary through the same check.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/errors.js";
import { locateTerraform, TerraformRunner } from "../../src/lifecycle/terraform.js";

const dir = mkdtempSync(join(tmpdir(), "platform-tf-misbehaving-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in terraform: `version` prints `versionOutput`; every other command runs `body`. */
function standIn(name: string, versionScript: string, body = "echo '{}'"): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\nif [ "$1" = version ]; then\n${versionScript}\nexit $?\nfi\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const GOOD_VERSION = `echo '{"terraform_version":"1.11.4"}'`;
const runner = (binary: string, env: NodeJS.ProcessEnv = {}) => new TerraformRunner({ dir, env: { PATH: process.env.PATH, ...env }, onOutput: () => {}, onProgress: () => {}, binary });

async function failure(promise: Promise<unknown>): Promise<{ exitCode: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { exitCode: (error as { exitCode: number }).exitCode, message: (error as Error).message };
  }
  throw new Error("expected a failure");
}

describe("terraform misbehaving (stand-in binaries)", () => {
  it("a binary whose version is not JSON is refused before any step (exit 3)", async () => {
    const result = await failure(runner(standIn("not-json", "echo 'Terraform v1.11.4'")).init());
    expect(result.exitCode).toBe(EXIT.external);
    expect(result.message).toMatch(/terraform version -json printed output that is not JSON/);
  });

  it("a terraform older than 1.10 is refused (exit 3)", async () => {
    const result = await failure(runner(standIn("old", `echo '{"terraform_version":"1.5.7"}'`)).init());
    expect(result).toEqual({ exitCode: EXIT.external, message: "terraform 1.5.7 is too old: the stacks need 1.10.0 or newer" });
  });

  it("a binary whose version command fails is refused (exit 3)", async () => {
    const result = await failure(runner(standIn("fails", "exit 4")).init());
    expect(result.exitCode).toBe(EXIT.external);
    expect(result.message).toMatch(/version -json failed \(exit 4\): is it terraform\?/);
  });

  it("machine-readable output that is not JSON is exit 3, not an internal error", async () => {
    const result = await failure(runner(standIn("garbage-output", GOOD_VERSION, "echo 'this is not json'")).outputs());
    expect(result.exitCode).toBe(EXIT.external);
    expect(result.message).toMatch(/terraform output -json printed output that is not JSON/);
  });

  it("a step that hangs is stopped at its timeout (exit 3)", async () => {
    const started = Date.now();
    const result = await failure(runner(standIn("hangs", GOOD_VERSION, "exec sleep 600"), { PLATFORM_TERRAFORM_TIMEOUT: "2" }).init());
    expect(result).toEqual({ exitCode: EXIT.external, message: "terraform init did not finish within 2s and was stopped" });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe("the real terraform passes the version check", () => {
  it("runs `terraform version` and goes on to the step", async () => {
    const real = runner(locateTerraform({ PATH: process.env.PATH }));
    // `output -json` in an empty folder: no state, so no outputs.
    expect(await real.outputs()).toEqual({});
  });
});
