// `platform outputs <name>`: a deployed stack's outputs by namespaced key, read by the real terraform
// binary from the state in an S3 backend (s3rver on loopback), through the backend the spec synthesizes.
import { readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { startS3Server, type S3Server } from "../helpers/s3-server.js";
import { fixturePath } from "../helpers/spec.js";
import { recordedRunner, requireTerraform, tempDir, terraformEnv, writeStack } from "../helpers/terraform.js";

const BUCKET = "platform-state-outputs";
const SERVICE = "platform-minimal";

let server: S3Server;
let root: string;
let env: NodeJS.ProcessEnv;
let out: string;

beforeAll(async () => {
  requireTerraform();
  server = await startS3Server([BUCKET]);
  root = tempDir("outputs");
  env = terraformEnv(root, { PLATFORM_STATE_ENDPOINT: server.endpoint, PLATFORM_STATE_BUCKET: BUCKET });
  out = join(root, "cdktf.out");
  const synth = await runCli(["synth", fixturePath("platform-minimal.yaml"), "--out", out], { env });
  expect(synth.code, synth.stderr).toBe(0);
  const json = JSON.parse(readFileSync(join(out, "stacks", SERVICE, "cdk.tf.json"), "utf8")) as { terraform: { backend: object; required_version: string } };
  // What a deployment leaves in the state: two of the stack's outputs (one sensitive), written by a
  // stack of built-in resources through the same backend (no provider can be installed here).
  const { runner } = recordedRunner(
    writeStack(join(root, "deployed"), {
      terraform: { backend: json.terraform.backend, required_version: json.terraform.required_version },
      resource: { terraform_data: { cluster: { input: "platform-minimal-cluster" } } },
      output: {
        compute_cluster_name: { value: "${terraform_data.cluster.output}" },
        compute_log_group_name: { value: "/ecs/platform-minimal", sensitive: true },
      },
    }),
    env,
  );
  await runner.init();
  await runner.apply();
});

afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

describe("platform outputs", () => {
  it("prints the outputs in the state by namespaced key, hiding sensitive values", async () => {
    const run = await runCli(["outputs", SERVICE, "--out", out], { env });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(["outputs:", "  compute.cluster_name    platform-minimal-cluster", "  compute.log_group_name  (sensitive)", ""].join("\n"));
  });

  it("prints them as JSON with --json, the values of sensitive outputs left out", async () => {
    const run = await runCli(["outputs", SERVICE, "--out", out, "--json"], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      "compute.cluster_name": { name: "compute_cluster_name", sensitive: false, value: "platform-minimal-cluster" },
      "compute.log_group_name": { name: "compute_log_group_name", sensitive: true },
    });
  });

  it("says so when the state holds no outputs, and needs the synthesized stack (exit 2 without)", async () => {
    const other = join(root, "other.out");
    const synth = await runCli(["synth", fixturePath("platform-redis.yaml"), "--out", other], { env });
    expect(synth.code, synth.stderr).toBe(0);
    const [stack] = readdirSync(join(other, "stacks"));
    const empty = await runCli(["outputs", stack!, "--out", other], { env });
    expect(empty).toEqual({ code: 0, stdout: `${stack}: no outputs in the state (not created yet, or destroyed)\n`, stderr: "" });
    const missing = await runCli(["outputs", "orders", "--out", out], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no synthesized stack for orders in ${out}/stacks`);
  });
});
