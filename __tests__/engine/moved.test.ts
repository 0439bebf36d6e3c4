// A renamed resource address carries a `moved` block, and terraform (the real binary, with the
// built-in terraform_data resource) then moves the state instead of replacing the object.
import { execFileSync, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataResource, TerraformStack, Testing } from "../../providers/cdktf.js";
import { applyRenames, RENAMES, type Rename } from "../../src/engine/moved.js";
import { requireTerraform, tempDir, terraformEnv, writeStack } from "../helpers/terraform.js";

const RENAME: Rename = { from: "terraform_data.old_name", to: "terraform_data.new_name", since: "0.2.0" };

/** The stack after the rename: the resource under its new name, and `moved` blocks if `renames` says so. */
function renamedStack(renames: readonly Rename[]): Record<string, unknown> {
  const stack = new TerraformStack(Testing.app({ stackTraces: false }), "renamed");
  new DataResource(stack, "new_name", { input: { value: "kept" } });
  new DataResource(stack, "untouched", { input: { value: "same" } });
  expect(applyRenames(stack, renames)).toBe(renames.length);
  return JSON.parse(Testing.synth(stack)) as Record<string, unknown>;
}

const work = tempDir("moved");
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("moved blocks for renamed addresses", () => {
  it("adds one moved block per renamed address in the stack, and none otherwise", () => {
    const json = renamedStack([RENAME]);
    expect(json.moved).toEqual([{ from: "terraform_data.old_name", to: "terraform_data.new_name" }]);
    expect(renamedStack([]).moved).toBeUndefined();
    expect(Object.keys((json.resource as Record<string, Record<string, unknown>>).terraform_data!)).toEqual(["new_name", "untouched"]);
  });

  it("keeps the engine's list of renames well-formed: distinct addresses of one type, a version each", () => {
    for (const rename of RENAMES) {
      expect(rename.from).not.toBe(rename.to);
      expect(rename.from.split(".")[0]).toBe(rename.to.split(".")[0]);
      expect(rename.since).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(new Set(RENAMES.map((rename) => rename.to)).size).toBe(RENAMES.length);
  });

  it("makes terraform move the existing object instead of destroying and recreating it", () => {
    const terraform = requireTerraform();
    const dir = join(work, "stack");
    const env = terraformEnv(work);
    const tf = (...args: string[]) => execFileSync(terraform, args, { cwd: dir, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    writeStack(dir, { resource: { terraform_data: { old_name: { input: { value: "kept" } }, untouched: { input: { value: "same" } } } } });
    tf("init", "-input=false", "-no-color");
    tf("apply", "-auto-approve", "-input=false", "-no-color");
    const plan = (json: Record<string, unknown>) => {
      writeStack(dir, { resource: json.resource, ...(json.moved ? { moved: json.moved } : {}) });
      const run = spawnSync(terraform, ["plan", "-input=false", "-no-color", "-detailed-exitcode"], { cwd: dir, env, encoding: "utf8" });
      return { code: run.status, stdout: run.stdout };
    };
    // Without the moved block the rename would replace the object: exit 2, one to add, one to destroy.
    const without = plan(renamedStack([]));
    expect(without.code).toBe(2);
    expect(without.stdout).toContain("Plan: 1 to add, 0 to change, 1 to destroy.");
    const withMoved = plan(renamedStack([RENAME]));
    expect(withMoved.stdout).toContain("terraform_data.old_name has moved to terraform_data.new_name");
    expect(withMoved.stdout).toContain("Plan: 0 to add, 0 to change, 0 to destroy.");
  });
});
