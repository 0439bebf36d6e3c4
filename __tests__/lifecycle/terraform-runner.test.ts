// The terraform runner with the real binary, on stacks that hold only built-in resources.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summarizePlan } from "../../src/lifecycle/plan-summary.js";
import { locateTerraform } from "../../src/lifecycle/terraform.js";
import { recordedRunner, requireTerraform, tempDir, terraformEnv, writeStack } from "../helpers/terraform.js";

const GREETING_STACK = {
  variable: { image_tag: { type: "string", nullable: false, description: "Tag to run." } },
  resource: { terraform_data: { greeting: { input: "hello ${var.image_tag}" } } },
  output: { compute_greeting: { value: "${terraform_data.greeting.output}", description: "compute.greeting: what the stack says." } },
};

/** A resource whose creation takes `seconds`, so another run can meet its lock. */
const slowStack = (seconds: number) => ({
  resource: { terraform_data: { slow: { input: "x", provisioner: [{ "local-exec": { command: `sleep ${seconds}` } }] } } },
});

let root: string;
let env: NodeJS.ProcessEnv;
let terraform: string;

beforeAll(() => {
  terraform = requireTerraform();
  root = tempDir("runner");
  env = terraformEnv(root);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("terraform runner", () => {
  it("drives init, apply, output and destroy with the real binary", async () => {
    const dir = writeStack(join(root, "greeting"), GREETING_STACK);
    const { runner } = recordedRunner(dir, env);
    await runner.init();
    await runner.apply({ image_tag: "abc123" });
    expect(await runner.outputs()).toEqual({ compute_greeting: { value: "hello abc123", sensitive: false, type: "string" } });
    await runner.destroy({ image_tag: "abc123" });
    const state = await runner.showJson<{ values?: { root_module?: { resources?: unknown[] } } }>();
    expect(state.values?.root_module?.resources ?? []).toEqual([]);
  });

  it("streams terraform's own output and frames each step with progress lines", async () => {
    const dir = writeStack(join(root, "streamed"), GREETING_STACK);
    const { runner, output, progress } = recordedRunner(dir, env);
    await runner.init();
    await runner.apply({ image_tag: "v1" });
    expect(output()).toContain("Apply complete! Resources: 1 added");
    expect(progress()).toEqual([
      "==> terraform init",
      expect.stringMatching(/^==> terraform init done in \d+\.\ds$/),
      "==> terraform apply",
      expect.stringMatching(/^==> terraform apply done in \d+\.\ds$/),
    ]);
  });

  it("reports a step that stays quiet longer than the threshold as still running", async () => {
    const dir = writeStack(join(root, "quiet"), slowStack(3));
    const { runner, progress } = recordedRunner(dir, env, 1);
    await runner.init();
    await runner.apply();
    expect(progress()).toContainEqual(expect.stringMatching(/^ {4}\.\.\. terraform apply still running \(\d+s\)$/));
  });

  it("saves a plan whose summary counts a forced replacement as a replace", async () => {
    const dir = writeStack(join(root, "replaced"), {
      variable: { image_tag: { type: "string" } },
      resource: { terraform_data: { task: { triggers_replace: ["${var.image_tag}"] } } },
    });
    const { runner } = recordedRunner(dir, env);
    await runner.init();
    await runner.apply({ image_tag: "one" });
    await runner.plan("next.tfplan", { vars: { image_tag: "two" } });
    const summary = summarizePlan(await runner.showJson("next.tfplan"));
    // Real terraform says which attribute forces it (replace_paths); the summary names it.
    expect(summary.changes).toEqual([{ address: "terraform_data.task", type: "terraform_data", kind: "replace", forcedBy: ["triggers_replace"] }]);
  });

  it("limits a targeted plan to the targets", async () => {
    const dir = writeStack(join(root, "targeted"), {
      resource: { terraform_data: { repository: { input: "repo" }, service: { input: "svc" } } },
    });
    const { runner } = recordedRunner(dir, env);
    await runner.init();
    await runner.plan("first.tfplan", { targets: ["terraform_data.repository"] });
    expect(summarizePlan(await runner.showJson("first.tfplan")).changes.map((change) => change.address)).toEqual(["terraform_data.repository"]);
  });

  it("turns a failed apply into one line carrying terraform's first error", async () => {
    const dir = writeStack(join(root, "failing"), {
      resource: { terraform_data: { broken: { input: "x", provisioner: [{ "local-exec": { command: "echo boom >&2; exit 7" } }] } } },
    });
    const { runner } = recordedRunner(dir, env);
    await runner.init();
    await expect(runner.apply()).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/^terraform apply failed: local-exec provisioner error/) });
  });

  it("explains a held state lock from terraform's own error: who holds it and how to release it", async () => {
    const dir = writeStack(join(root, "locked"), slowStack(4));
    const holder = recordedRunner(dir, env);
    await holder.runner.init();
    // A second terraform process holds the lock while it applies.
    const running = spawn(terraform, ["apply", "-auto-approve", "-no-color", "-input=false"], { cwd: dir, env, stdio: "ignore" });
    const finished = new Promise((resolve) => running.on("close", resolve));
    await waitFor(() => existsSync(join(dir, ".terraform.tfstate.lock.info")));
    const contender = recordedRunner(dir, env);
    const failure = await contender.runner.apply().catch((error: unknown) => error);
    await finished;
    expect(failure).toMatchObject({
      exitCode: 3,
      message: expect.stringMatching(/^the stack's state is locked by \S+ \(apply\) since .+, lock [0-9a-f-]{36}: another terraform run is using it$/),
      hint: expect.stringMatching(new RegExp(`force-unlock [0-9a-f-]{36}`)),
    });
  });

  it("names the binary it could not find when PLATFORM_TERRAFORM points nowhere", () => {
    expect(() => locateTerraform({ PLATFORM_TERRAFORM: "/nonexistent/terraform" })).toThrow(
      "terraform not found: PLATFORM_TERRAFORM=/nonexistent/terraform is not an executable file",
    );
  });

  it("says terraform is missing, and how to fix it, when it is neither on PATH nor at the default location", () => {
    let failure: unknown;
    try {
      locateTerraform({ PATH: "/nonexistent" }, "/nonexistent/usr/local/bin/terraform");
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({
      exitCode: 3,
      message: "terraform not found (not on PATH, not at /nonexistent/usr/local/bin/terraform)",
      hint: expect.stringContaining("PLATFORM_TERRAFORM"),
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
