// The S3 backend block that `platform synth` generates, used by the real terraform binary against
// s3rver on loopback: state lands at the stack's key, `list` finds it, `destroy` works through it,
// and backend failures (missing bucket, credentials) end in one explained line.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stateKey } from "../../src/engine/stack.js";
import { runCli, spawnPlatformAsync } from "../helpers/cli.js";
import { startS3Server, type S3Server } from "../helpers/s3-server.js";
import { fixturePath } from "../helpers/spec.js";
import { recordedRunner, requireTerraform, tempDir, terraformEnv, writeStack } from "../helpers/terraform.js";

const BUCKET = "platform-state-test";
const SERVICE = "platform-minimal";

let server: S3Server;
let root: string;
let env: NodeJS.ProcessEnv;
let s3: S3Client;
/** The `terraform` block of the synthesized fixture: backend and required version. */
let generated: { backend: { s3: Record<string, unknown> }; required_version: string };

/** The generated terraform block (without required_providers: none can be installed here) and one built-in resource. */
const builtInStack = (terraform: object = generated) => ({
  terraform,
  resource: { terraform_data: { marker: { input: "state through the generated backend" } } },
});

beforeAll(async () => {
  requireTerraform();
  server = await startS3Server([BUCKET]);
  root = tempDir("backend");
  env = terraformEnv(root, { PLATFORM_STATE_ENDPOINT: server.endpoint, PLATFORM_STATE_BUCKET: BUCKET });
  s3 = new S3Client({ region: "us-east-1", endpoint: server.endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });

  const out = join(root, "synth-out");
  const synth = await runCli(["synth", fixturePath("platform-minimal.yaml"), "--out", out], { env });
  expect(synth.code, synth.stderr).toBe(0);
  const json = JSON.parse(readFileSync(join(out, "stacks", SERVICE, "cdk.tf.json"), "utf8")) as { terraform: typeof generated };
  const { backend, required_version } = json.terraform;
  generated = { backend, required_version };

  // The stack every test below looks at: applied once through the generated backend.
  const { runner } = recordedRunner(writeStack(join(root, "applied"), builtInStack()), env);
  await runner.init();
  await runner.apply();
});

afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

async function stateResources(): Promise<unknown[]> {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: stateKey(SERVICE) }));
  return (JSON.parse(await object.Body!.transformToString()) as { resources: unknown[] }).resources;
}

describe("generated S3 backend with terraform and a loopback S3 server", () => {
  it("points the backend at the endpoint setting, path-style, with S3-native locking", () => {
    expect(generated.backend.s3).toMatchObject({
      bucket: BUCKET,
      key: stateKey(SERVICE),
      endpoints: { s3: server.endpoint },
      use_path_style: true,
      use_lockfile: true,
      encrypt: true,
    });
  });

  it("stores the state at the stack's key after init and apply", async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: stateKey(SERVICE) }));
    expect(head.ContentLength).toBeGreaterThan(0);
    expect(await stateResources()).toHaveLength(1);
  });

  it("lists that stack with `platform list --json`, ignoring lock objects", async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "platform/other-svc/terraform.tfstate.tflock", Body: "{}" }));
    const result = await spawnPlatformAsync(["list", "--json"], { env });
    expect(result.code, result.stderr).toBe(0);
    const listed = JSON.parse(result.stdout) as { bucket: string; stacks: Array<{ name: string; key: string; lastModified: string }> };
    expect(listed.bucket).toBe(BUCKET);
    expect(listed.stacks.map((stack) => stack.name)).toEqual([SERVICE]);
    expect(listed.stacks[0]).toMatchObject({ key: stateKey(SERVICE), lastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/) });
  });

  // Runs after the tests that read the applied state (tests in a file run in order).
  it("destroys the stack's resources once the name is typed back", async () => {
    const out = join(root, "destroy-out");
    writeStack(join(out, "stacks", SERVICE), builtInStack(), "cdk.tf.json");
    const result = await runCli(["destroy", SERVICE, "--out", out], { env, answers: [SERVICE] });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`Type the stack name (${SERVICE}) to destroy it:`);
    expect(result.stdout).toContain(`${SERVICE}: destroyed`);
    expect(await stateResources()).toEqual([]);
  });

  it("ends init against a missing state bucket in one line that says to run setup", async () => {
    const missing = { ...generated, backend: { s3: { ...generated.backend.s3, bucket: "no-such-state-bucket" } } };
    const { runner } = recordedRunner(writeStack(join(root, "missing-bucket"), builtInStack(missing)), env);
    await expect(runner.init()).rejects.toMatchObject({
      exitCode: 3,
      message: "the state bucket no-such-state-bucket does not exist",
      hint: expect.stringContaining("platform setup"),
    });
  });

  it("ends init without any credentials in one line saying so", async () => {
    const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, ...withoutKeys } = env;
    const { runner } = recordedRunner(writeStack(join(root, "no-credentials"), builtInStack()), withoutKeys);
    await expect(runner.init()).rejects.toMatchObject({ exitCode: 3, message: "terraform found no AWS credentials" });
  });

  it("ends init with rejected credentials in one line saying so", async () => {
    const { runner } = recordedRunner(writeStack(join(root, "bad-credentials"), builtInStack()), { ...env, AWS_ACCESS_KEY_ID: "NOT-S3RVER" });
    await expect(runner.init()).rejects.toMatchObject({ exitCode: 3, message: "AWS rejected the credentials terraform used (invalid or expired)" });
  });
});

