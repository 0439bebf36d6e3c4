// `node scripts/offline-terraform.mjs` as a person runs it: init done for it, terraform's exit code
// passed through, local state unless a loopback S3 endpoint is given, one clear line on bad input.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseVersion, providerAddress } from "../../scripts/offline-terraform.mjs";
import { loopbackEnv, startS3Server, type S3Server } from "../helpers/s3-server.js";
import { ROOT } from "../helpers/spec.js";
import { readStackJson, synthFixture } from "./stand-in-harness.js";

const SCRIPT = join(ROOT, "scripts", "offline-terraform.mjs");
/** The stacks' default state bucket (settings.stateBucket); the script keeps the stack's bucket and key. */
const BUCKET = "platform-engine-terraform-state";

/** Runs the script (asynchronously: s3rver answers from this process). */
function script(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("scripts/offline-terraform.mjs (stand-in providers)", () => {
  let synthesized: { out: string; stacks: string[] };
  let server: S3Server;
  beforeAll(async () => {
    synthesized = await synthFixture("platform-storage-cache.yaml");
    server = await startS3Server([BUCKET]);
  });
  afterAll(async () => {
    rmSync(synthesized.out, { recursive: true, force: true });
    await server.stop();
  });

  it("initializes, then runs the terraform command given and passes its exit code through", async () => {
    const ok = await script([synthesized.stacks[0]!, "validate", "-no-color"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("Success! The configuration is valid.");
    const failing = await script([synthesized.stacks[0]!, "plan", "-no-color", "-var", "no_such_variable=1"]);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain("Value for undeclared variable");
  });

  it("keeps state in the loopback S3 server given with --s3-endpoint (the stack's own bucket and key)", async () => {
    const applied = await script(["--s3-endpoint", server.endpoint, synthesized.stacks[0]!, "apply", "-no-color", "-input=false", "-auto-approve"], loopbackEnv());
    expect(applied.code, applied.stdout.slice(-2000) + applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/Apply complete! Resources: \d+ added/);
    const backend = (readStackJson(synthesized.stacks[0]!) as { terraform: { backend: { s3: { key: string } } } }).terraform.backend.s3;
    const s3 = new S3Client({ region: "us-east-1", endpoint: server.endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: backend.key }));
    const state = JSON.parse(await object.Body!.transformToString()) as { resources: Array<{ type: string }> };
    expect(state.resources.map((r) => r.type)).toContain("aws_efs_file_system");
  }, 120_000);

  it("refuses a non-loopback endpoint and a missing stack folder with one line and exit 2", async () => {
    const remote = await script(["--s3-endpoint", "https://s3.amazonaws.com", synthesized.stacks[0]!, "plan"]);
    expect(remote.code).toBe(2);
    expect(remote.stderr.split("\n")[0]).toBe('offline-terraform: --s3-endpoint must be a loopback address like http://127.0.0.1:4569, not "https://s3.amazonaws.com"');
    const missing = await script(["/nonexistent/stack", "plan"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split("\n")[0]).toBe("offline-terraform: /nonexistent/stack: no such folder");
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it("serves the bindings' version when the constraint allows it, else the lowest version the constraint names", () => {
    expect(providerAddress("aws")).toBe("registry.terraform.io/hashicorp/aws");
    expect(providerAddress("cloudflare/cloudflare")).toBe("registry.terraform.io/cloudflare/cloudflare");
    expect(chooseVersion("6.25.0", "6.25.0")).toBe("6.25.0");
    expect(chooseVersion("~> 6.0", "6.25.0")).toBe("6.25.0");
    expect(chooseVersion("~> 6.28", "6.25.0")).toBe("6.28.0");
    expect(chooseVersion(">= 6.30, < 7.0", "6.25.0")).toBe("6.30.0");
    expect(() => chooseVersion("< 6.0, > 7.0", "6.25.0")).toThrow(/no version satisfies/);
  });
});
