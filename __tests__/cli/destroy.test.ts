// `platform destroy <name>` on a synthesized stack directory holding only built-in resources
// (local state), with the real terraform binary.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { recordedRunner, requireTerraform, tempDir, terraformEnv, writeStack } from "../helpers/terraform.js";

let root: string;
let env: NodeJS.ProcessEnv;

/** A stack `name` in `<root>/<name>-out`, applied so there is something to destroy. */
async function appliedStack(name: string): Promise<{ out: string; dir: string }> {
  const out = join(root, `${name}-out`);
  const dir = writeStack(join(out, "stacks", name), {
    variable: { image_tag: { type: "string" } },
    resource: { terraform_data: { service: { input: "${var.image_tag}" } } },
  }, "cdk.tf.json");
  const { runner } = recordedRunner(dir, env);
  await runner.init();
  await runner.apply({ image_tag: "v1" });
  return { out, dir };
}

const resourcesIn = async (dir: string) => {
  const { runner } = recordedRunner(dir, env);
  return (await runner.showJson<{ values?: { root_module?: { resources?: unknown[] } } }>()).values?.root_module?.resources ?? [];
};

beforeAll(() => {
  requireTerraform();
  root = tempDir("destroy");
  env = terraformEnv(root);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("platform destroy", () => {
  it("destroys without asking with --yes, giving required variables a placeholder", async () => {
    const { out, dir } = await appliedStack("yes-svc");
    const result = await runCli(["destroy", "yes-svc", "--yes", "--out", out], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("plan: 0 to create, 0 to update, 0 to replace, 1 to destroy");
    expect(await resourcesIn(dir)).toEqual([]);
  });

  it("keeps everything when the typed name does not match (exit 2)", async () => {
    const { out, dir } = await appliedStack("kept-svc");
    const result = await runCli(["destroy", "kept-svc", "--out", out], { env, answers: ["kept"] });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cancelled: nothing was destroyed\n");
    expect(await resourcesIn(dir)).toHaveLength(1);
    expect(existsSync(join(dir, "platform.tfplan"))).toBe(false);
  });

  it("says there is nothing to destroy when the state is empty", async () => {
    const { out } = await appliedStack("empty-svc");
    await runCli(["destroy", "empty-svc", "--yes", "--out", out], { env });
    const again = await runCli(["destroy", "empty-svc", "--out", out], { env, answers: [] });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^empty-svc: nothing to destroy/);
  });

  it("refuses with exit 2 when there is no terminal to confirm on and no --yes, before terraform runs", async () => {
    const { out, dir } = await appliedStack("tty-svc");
    const result = await runCli(["destroy", "tty-svc", "--out", out], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("platform destroy: destroy asks for confirmation, but stdin is not a terminal\n  hint: pass --yes to destroy without asking (in CI, after reviewing the plan)\n");
    expect(await resourcesIn(dir)).toHaveLength(1);
  });

  it("says to synthesize first when the stack directory does not exist (exit 2), with or without --yes", async () => {
    for (const yes of [["--yes"], []]) {
      const result = await runCli(["destroy", "ghost-svc", ...yes, "--out", join(root, "none")], { env });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`platform destroy: no synthesized stack for ghost-svc in ${join(root, "none")}/stacks\n  hint: destroy runs terraform in the stack the spec synthesizes`);
    }
  });

  it("with --env, looks for the environment's stack <service>-<env>, and refuses a bad environment name (exit 2)", async () => {
    const result = await runCli(["destroy", "ghost-svc", "--env", "prod", "--yes", "--out", join(root, "none")], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no synthesized stack for ghost-svc-prod in ${join(root, "none")}/stacks`);
    const bad = await runCli(["destroy", "ghost-svc", "--env", "../x", "--yes"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"../x" is not an environment name');
  });

  it("rejects a name that is not a service name (exit 2)", async () => {
    const result = await runCli(["destroy", "../etc", "--yes"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"../etc" is not a service name');
  });
});
