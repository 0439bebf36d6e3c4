// `platform setup` and `platform list` against s3rver on loopback (one server for the file).
import { HeadBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stateKey } from "../../src/engine/stack.js";
import { runCli, spawnPlatformAsync } from "../helpers/cli.js";
import { loopbackEnv, startS3Server, type S3Server } from "../helpers/s3-server.js";

let server: S3Server;
let s3: S3Client;
const envFor = (bucket: string) => loopbackEnv({ PLATFORM_STATE_ENDPOINT: server.endpoint, PLATFORM_STATE_BUCKET: bucket });

beforeAll(async () => {
  server = await startS3Server(["listed-state"]);
  s3 = new S3Client({ region: "us-east-1", endpoint: server.endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
});
afterAll(async () => {
  await server.stop();
});

describe("platform setup against s3rver", () => {
  it("creates the state bucket when it is missing", async () => {
    const result = await runCli(["setup"], { env: envFor("fresh-state") });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("  bucket                created in us-east-1\n");
    await expect(s3.send(new HeadBucketCommand({ Bucket: "fresh-state" }))).resolves.toBeDefined();
  });

  it("is idempotent: a second run finds the bucket and changes nothing", async () => {
    await runCli(["setup"], { env: envFor("twice-state") });
    const again = await runCli(["setup"], { env: envFor("twice-state") });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("  bucket                exists\n");
    expect(again.stdout).toContain("s3://twice-state is ready: nothing to change\n");
  });

  it("warns that a server without the hardening calls leaves the bucket unhardened", async () => {
    const result = await runCli(["setup"], { env: envFor("warned-state") });
    expect(result.stderr).toBe(
      `warning: ${server.endpoint} does not implement versioning, encryption, public-access-block, tls-only-policy: this bucket is not hardened (acceptable for a local test server, never for real state)\n`,
    );
  });
});

describe("platform list against s3rver", () => {
  it("shows each stack with state in the bucket and when it last changed", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "listed-state", Key: stateKey("billing"), Body: "{}" }));
    await s3.send(new PutObjectCommand({ Bucket: "listed-state", Key: `${stateKey("billing")}.tflock`, Body: "{}" }));
    await s3.send(new PutObjectCommand({ Bucket: "listed-state", Key: "platform/notes.txt", Body: "not a stack" }));
    const result = await runCli(["list"], { env: envFor("listed-state") });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^NAME\s+LAST MODIFIED \(UTC\)\nbilling\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\n$/);
  });

  it("lists an environment's state as <service>-<environment>, and only that environment's with --env", async () => {
    await runCli(["setup"], { env: envFor("env-state") });
    await s3.send(new PutObjectCommand({ Bucket: "env-state", Key: stateKey("orders", "prod"), Body: "{}" }));
    await s3.send(new PutObjectCommand({ Bucket: "env-state", Key: stateKey("orders", "dev"), Body: "{}" }));
    await s3.send(new PutObjectCommand({ Bucket: "env-state", Key: stateKey("billing"), Body: "{}" }));
    const all = await runCli(["list", "--json"], { env: envFor("env-state") });
    expect(all.code, all.stderr).toBe(0);
    const stacks = (JSON.parse(all.stdout) as { stacks: Array<{ name: string; service: string; environment?: string; key: string }> }).stacks;
    expect(stacks.map(({ name, service, environment, key }) => ({ name, service, environment, key }))).toEqual([
      { name: "billing", service: "billing", environment: undefined, key: "platform/billing/terraform.tfstate" },
      { name: "orders-dev", service: "orders", environment: "dev", key: "platform/orders/dev/terraform.tfstate" },
      { name: "orders-prod", service: "orders", environment: "prod", key: "platform/orders/prod/terraform.tfstate" },
    ]);
    const prod = await runCli(["list", "--env", "prod"], { env: envFor("env-state") });
    expect(prod.stdout).toMatch(/^NAME\s+LAST MODIFIED \(UTC\)\norders-prod\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\n$/);
  });

  it("with --env, lists the bucket of that environment's block in the settings file found from the working directory", async () => {
    const folder = mkdtempSync(join(tmpdir(), "list-settings-"));
    writeFileSync(join(folder, "platform-settings.yaml"), "defaults:\n  stateBucket: shared-state\nenvironments:\n  prod:\n    stateBucket: prod-state\n");
    const env = loopbackEnv({ PLATFORM_STATE_ENDPOINT: server.endpoint });
    await runCli(["setup", "--env", "prod"], { cwd: folder, env });
    await s3.send(new PutObjectCommand({ Bucket: "prod-state", Key: stateKey("orders", "prod"), Body: "{}" }));
    const prod = await runCli(["list", "--env", "prod", "--json"], { cwd: folder, env });
    expect(prod.code, prod.stderr).toBe(0);
    expect(JSON.parse(prod.stdout)).toMatchObject({ bucket: "prod-state", stacks: [{ name: "orders-prod" }] });
    // Without --env: the defaults' bucket, which was never set up.
    const shared = await runCli(["list"], { cwd: folder, env });
    expect(shared.code).toBe(3);
    expect(shared.stderr).toContain("s3://shared-state/platform/: the state bucket does not exist");
  });

  it("says so when the bucket holds no stacks", async () => {
    await runCli(["setup"], { env: envFor("empty-state") });
    const result = await runCli(["list"], { env: envFor("empty-state") });
    expect(result.stdout).toBe("no stacks in s3://empty-state\n");
  });

  it("ends in exit 3 and one line saying to run setup when the bucket does not exist", async () => {
    const result = await runCli(["list"], { env: envFor("never-created") });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `platform list: listing s3://never-created/platform/: the state bucket does not exist at ${server.endpoint} (from --state-endpoint / PLATFORM_STATE_ENDPOINT)\n  hint: run \`platform setup\` to create it, or point --state-bucket / PLATFORM_STATE_BUCKET at the right one\n`,
    );
  });

  it("ends in exit 3 and one line when no credentials can be found", async () => {
    const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, ...withoutKeys } = envFor("listed-state");
    const result = await spawnPlatformAsync(["list"], { env: withoutKeys });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^platform list: listing s3:\/\/listed-state\/platform\/: no AWS credentials found\n  hint: .+\n$/);
  });

  it("ends in exit 3 naming the endpoint when nothing answers there", async () => {
    const result = await runCli(["list", "--state-endpoint", "http://127.0.0.1:1"], { env: envFor("listed-state") });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^platform list: listing s3:\/\/listed-state\/platform\/: cannot reach the endpoint at http:\/\/127\.0\.0\.1:1 \(from --state-endpoint \/ PLATFORM_STATE_ENDPOINT\) \(ECONNREFUSED\)\n/);
  });

  it("refuses an --env that is not an environment name (exit 2, before any bucket is touched), as destroy, outputs and status do", async () => {
    for (const command of ["list", "setup"]) {
      const result = await runCli([command, "--env", "Prod"], { env: envFor("listed-state") });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(new RegExp(`^platform ${command}: "Prod" is not an environment name\\n  hint: environment names follow the service-name rule, 12 characters at most\\n$`));
    }
  });

  it("refuses with exit 2 when the backend is HCP Terraform", async () => {
    const result = await runCli(["list", "--backend", "cloud", "--cloud-organization", "acme"], { env: envFor("listed-state") });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('list works on the S3 state bucket, but the backend is "cloud"');
  });
});
