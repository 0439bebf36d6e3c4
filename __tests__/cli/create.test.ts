// `platform create` on a real fixture: validated, synthesized, backend initialized against s3rver,
// and stopped at provider installation (nothing can be downloaded here) with one clear line.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { startS3Server, type S3Server } from "../helpers/s3-server.js";
import { fixturePath, specYaml } from "../helpers/spec.js";
import { requireTerraform, tempDir, terraformEnv } from "../helpers/terraform.js";

const BUCKET = "create-state";
const FIXTURE = fixturePath("platform-minimal.yaml");

let server: S3Server;
let root: string;
let env: NodeJS.ProcessEnv;
const out = (name: string) => join(root, name);

beforeAll(async () => {
  requireTerraform();
  server = await startS3Server([BUCKET]);
  root = tempDir("create");
  env = terraformEnv(root, { PLATFORM_STATE_ENDPOINT: server.endpoint, PLATFORM_STATE_BUCKET: BUCKET });
});
afterAll(async () => {
  await server.stop();
  await rm(root, { recursive: true, force: true });
});

describe("platform create", () => {
  it("runs a real fixture through backend init up to provider installation, then exits 3 with one line", async () => {
    const result = await runCli(["create", FIXTURE, "--yes", "--out", out("provider")], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Successfully configured the backend "s3"');
    expect(result.stderr).toMatch(/\nplatform create: terraform could not install providers cloudflare\/cloudflare, hashicorp\/aws: it is not in the configured provider mirror\n  hint: .+\n$/);
  });

  it("starts with the repositories phase while the image tag is not given", async () => {
    const result = await runCli(["create", FIXTURE, "--yes", "--out", out("phase-one")], { env });
    expect(result.stderr).toContain(
      "phase 1 of 2: image repositories only (aws_ecr_repository.compute_ecr_repository, aws_ecr_lifecycle_policy.compute_ecr_repository_lifecycle); the rest needs image_tag\n",
    );
  });

  it("keeps terraform's lock file and providers across runs although synthesis replaces the stack directory", async () => {
    const stackDir = join(out("rerun"), "stacks", "platform-minimal");
    await runCli(["create", FIXTURE, "--yes", "--out", out("rerun")], { env });
    const lockFile = join(stackDir, ".terraform.lock.hcl");
    writeFileSync(lockFile, "# pinned provider versions\n");
    await runCli(["create", FIXTURE, "--yes", "--out", out("rerun")], { env });
    expect(readFileSync(lockFile, "utf8")).toBe("# pinned provider versions\n");
    expect(existsSync(join(stackDir, ".terraform", "terraform.tfstate"))).toBe(true);
  });

  it("refuses with exit 2 before doing anything when there is no terminal and no --yes", async () => {
    const result = await runCli(["create", FIXTURE, "--out", out("no-tty")], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("platform create: create asks for confirmation, but stdin is not a terminal\n  hint: pass --yes to create without asking (in CI, after reviewing the plan)\n");
    expect(existsSync(out("no-tty"))).toBe(false);
  });

  it("names the declared secrets missing from the environment before terraform runs (exit 2)", async () => {
    const result = await runCli(["create", FIXTURE, "--yes", "--var", "image_tag=abc123", "--out", out("secrets")], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("platform create: secret DATABASE_URL declared in spec.secrets is not set in the environment\n");
    expect(result.stderr).not.toContain("terraform init");
  });

  it("refuses --phase all without the image tag, saying which --var to pass (exit 2)", async () => {
    const result = await runCli(["create", FIXTURE, "--yes", "--phase", "all", "--skip-secrets", "--out", out("all")], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("platform create: no value for image_tag: the image tags to run\n  hint: push the images, then pass --var image_tag=<tag>");
  });

  it("rejects a --var the stack does not declare, listing the ones it does (exit 2)", async () => {
    const result = await runCli(["create", FIXTURE, "--yes", "--var", "imagetag=abc", "--out", out("unknown-var")], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('platform create: --var imagetag: the stack has no variable "imagetag"\n  hint: its variables: check_images, image_tag\n');
  });

  it("creates nothing from an invalid spec (exit 1)", async () => {
    const file = join(root, "invalid.yaml");
    writeFileSync(file, specYaml({ compute: { cpu: 256, memory: 4096 } }));
    const result = await runCli(["create", file, "--yes", "--out", out("invalid")], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("nothing created: the spec has errors\n");
    expect(existsSync(out("invalid"))).toBe(false);
  });

  it("--env prod takes prod's state bucket from the settings file beside the spec: the backend is configured against it", async () => {
    const folder = join(root, "with-settings");
    mkdirSync(folder, { recursive: true });
    // The defaults' bucket does not exist on the server; only prod's block names the one that does.
    writeFileSync(join(folder, "platform-settings.yaml"), `defaults:\n  stateBucket: no-such-bucket\nenvironments:\n  prod:\n    stateBucket: ${BUCKET}\n`);
    writeFileSync(join(folder, "orders.yaml"), readFileSync(fixturePath("platform-environments.yaml"), "utf8"));
    const { PLATFORM_STATE_BUCKET: _bucket, ...withoutBucket } = env;
    const result = await runCli(["create", join(folder, "orders.yaml"), "--env", "prod", "--yes", "--out", out("env-settings")], { env: withoutBucket, cwd: folder });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Successfully configured the backend "s3"');
    const stack = JSON.parse(readFileSync(join(out("env-settings"), "stacks", "orders-prod", "cdk.tf.json"), "utf8"));
    expect(stack.terraform.backend.s3).toMatchObject({ bucket: BUCKET, key: "platform/orders/prod/terraform.tfstate" });
  });
});
