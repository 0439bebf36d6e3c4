// The lifecycle commands end to end with real terraform, the stand-in providers and state in
// s3rver: create (both phases), drift, preview --plan (replacements), destroy (confirmation, and
// the deletion-protection explanation).
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SharedStandIns, standInEnvironment, startSharedStandIns } from "../../scripts/offline-terraform.mjs";
import type { World } from "../../test-support/stand-in-provider/behaviour.js";
import { runCli } from "../helpers/cli.js";
import { loopbackEnv, startS3Server, type S3Server } from "../helpers/s3-server.js";
import { fixturePath, ROOT } from "../helpers/spec.js";
import { requireTerraform, tempDir } from "../helpers/terraform.js";
import { synthFixture } from "./stand-in-harness.js";

const BUCKET = "stand-in-lifecycle-state";
const MINIMAL = fixturePath("platform-minimal.yaml");

let server: S3Server;
let root: string;
let worldFile: string;
let env: NodeJS.ProcessEnv;
let shared: SharedStandIns;
const baseWorld = JSON.parse(readFileSync(join(ROOT, "test-support", "stand-in-provider", "world.json"), "utf8")) as World;
const setWorld = (changes: Partial<World>) => writeFileSync(worldFile, JSON.stringify({ ...baseWorld, ...changes }));

beforeAll(async () => {
  requireTerraform();
  server = await startS3Server([BUCKET]);
  root = tempDir("stand-in-lifecycle");
  worldFile = join(root, "world.json");
  setWorld({});
  // Terraform attaches to stand-ins started once for the file (they re-read the world file on
  // every lookup and refresh); the mirror's CLI config stays in place as for a real run.
  shared = await startSharedStandIns({ world: worldFile });
  const minimal = await synthFixture("platform-minimal.yaml");
  const reattach = await shared.envFor(minimal.stacks[0]!);
  rmSync(minimal.out, { recursive: true, force: true });
  env = loopbackEnv({
    PATH: process.env.PATH,
    ...(await standInEnvironment(join(root, "stand-ins"), { world: worldFile })),
    ...reattach,
    PLATFORM_STATE_ENDPOINT: server.endpoint,
    PLATFORM_STATE_BUCKET: BUCKET,
  });
});
afterAll(async () => {
  await shared?.stop();
  await server?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("platform-minimal through its whole life (stand-in providers, s3rver state)", () => {
  const out = () => join(root, "minimal");

  it("create, phase 1: only the image repositories, then says what to push", async () => {
    const result = await runCli(["create", MINIMAL, "--yes", "--out", out()], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("phase 1 of 2: image repositories only (aws_ecr_repository.compute_ecr_repository, aws_ecr_lifecycle_policy.compute_ecr_repository_lifecycle)");
    expect(result.stderr).toContain("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
    expect(result.stdout).toContain("platform-minimal: phase 1 of 2 done: image repositories exist");
  }, 120_000);

  it("create, phase 2: the rest of the stack, then its outputs", async () => {
    const result = await runCli(["create", MINIMAL, "--yes", "--skip-secrets", "--var", "image_tag=abc123", "--var", "check_images=false", "--out", out()], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("applying the whole stack (phase 2 of 2)");
    expect(result.stderr).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed\./);
    expect(result.stdout).toMatch(/compute\.cluster_name\s+platform-minimal/);
  }, 120_000);

  it("drift: nothing changed outside Terraform, exit 0", async () => {
    const result = await runCli(["drift", MINIMAL, "--out", out()], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("platform-minimal: no drift: every resource matches the state\n");
  }, 120_000);

  it("drift: a changed attribute and a deleted resource in the world are listed by resource and attribute, exit 4", async () => {
    setWorld({
      drift: [
        { type: "aws_ecs_service", match: { name: "platform-minimal" }, set: { desired_count: 5 } },
        { type: "aws_cloudwatch_log_group", match: {}, deleted: true },
      ],
    });
    try {
      const result = await runCli(["drift", MINIMAL, "--out", out()], { env });
      expect(result.code, result.stderr).toBe(4);
      expect(result.stdout).toMatch(/^platform-minimal: 2 resources changed outside Terraform\n/);
      expect(result.stdout).toMatch(/\n {2}- aws_cloudwatch_log_group\.\w+: deleted outside Terraform\n/);
      expect(result.stdout).toContain("\n  ~ aws_ecs_service.compute_ecs_service\n      desired_count: 2 -> 5\n");
    } finally {
      setWorld({});
    }
  }, 120_000);

  it("drift: a refresh that fails (the shared ALB is gone from the world) exits 3 with one line", async () => {
    setWorld({ data: { ...baseWorld.data, aws_lb: [] } });
    try {
      const result = await runCli(["drift", MINIMAL, "--out", out()], { env });
      expect(result.code).toBe(3);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/\nplatform drift: .*no matching aws_lb found/);
    } finally {
      setWorld({});
    }
  }, 120_000);

  it("preview --plan: a changed port replaces the task definition (an immutable revision), and the summary says so", async () => {
    const spec = join(root, "minimal-port.yaml");
    writeFileSync(spec, readFileSync(MINIMAL, "utf8").replace("port: 8080", "port: 9090"));
    const result = await runCli(["preview", spec, "--plan", "--var", "image_tag=abc123", "--var", "check_images=false", "--out", out()], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("platform-minimal: plan against the current state\n");
    expect(result.stdout).toMatch(/\n {2}-\/\+ aws_ecs_task_definition\.compute_task_definition \(replaced because of container_definitions\)\n/);
    expect(result.stdout).toMatch(/\nplan: 0 to create, \d+ to update, 1 to replace, 0 to destroy\n/);
  }, 120_000);

  it("destroy: a wrong name typed back cancels; the right one destroys everything", async () => {
    const cancelled = await runCli(["destroy", "platform-minimal", "--out", out()], { env, answers: ["platform-minimum"] });
    expect(cancelled.code).toBe(2);
    expect(cancelled.stderr).toContain("cancelled: nothing was destroyed");
    const result = await runCli(["destroy", "platform-minimal", "--out", out()], { env, answers: ["platform-minimal"] });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("Type the stack name (platform-minimal) to destroy it: ");
    expect(result.stderr).toMatch(/Apply complete! Resources: 0 added, 0 changed, \d+ destroyed\./);
    expect(result.stdout).toContain("platform-minimal: destroyed");
    const again = await runCli(["drift", MINIMAL, "--out", out()], { env });
    expect(again.stdout).toBe("platform-minimal: no drift: every resource matches the state\n");
  }, 180_000);
});

describe("destroying a database with deletion protection (stand-in providers, s3rver state)", () => {
  it("stops at the database and explains the two steps", async () => {
    const out = join(root, "protected-db");
    const spec = join(root, "protected-db.yaml");
    writeFileSync(
      spec,
      [
        "apiVersion: platform.althq.com/v1",
        "kind: Service",
        "metadata:",
        "  name: protected-db",
        "  description: A database only (deletion protection is on by default)",
        "spec:",
        "  database:",
        "    engine: postgres",
        "    instanceClass: db.t3.micro",
        "    dbName: app",
        "    dbUsername: app_admin",
        "",
      ].join("\n"),
    );
    const created = await runCli(["create", spec, "--yes", "--skip-secrets", "--out", out], { env });
    expect(created.code, created.stderr.slice(-3000)).toBe(0);
    const result = await runCli(["destroy", "protected-db", "--yes", "--out", out], { env });
    expect(result.code, result.stderr.slice(-2000)).toBe(3);
    expect(result.stderr).toContain("Cannot delete protected DB Instance");
    expect(result.stderr.slice(-2000)).toContain("platform destroy: the database protected-db has deletion protection on, so it was not destroyed\n");
    expect(result.stderr).toContain("hint: destroying it takes two steps: set spec.database.deletionProtection: false");
  }, 240_000);
});
