// `platform synth` writes the gateway's zip beside the stack's Terraform, the same bytes the build
// made, and the Terraform names it by its place in the stack folder and by its hash: once through
// the real command (startup snapshot), once in-process.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, spawnPlatform } from "../helpers/cli.js";
import { ROOT } from "../helpers/spec.js";

const work = mkdtempSync(join(tmpdir(), "platform-gateway-synth-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const builtZip = () => readFileSync(join(ROOT, "dist", "gateway", "webhook-gateway.zip"));

function checkStackFolder(out: string, service: string): void {
  const folder = join(out, "stacks", service);
  expect(readdirSync(folder).sort()).toEqual(expect.arrayContaining(["cdk.tf.json", "webhook-gateway.zip"]));
  const zip = readFileSync(join(folder, "webhook-gateway.zip"));
  expect(zip.equals(builtZip())).toBe(true);
  const fn = JSON.parse(readFileSync(join(folder, "cdk.tf.json"), "utf8")).resource.aws_lambda_function.triggers_webhook_function;
  expect(fn.filename).toBe("${path.module}/webhook-gateway.zip");
  expect(fn.source_code_hash).toBe(createHash("sha256").update(zip).digest("base64"));
}

describe("the gateway's zip in synth output", () => {
  it("is written beside cdk.tf.json by the platform command", () => {
    const out = join(work, "spawned");
    const run = spawnPlatform(["synth", "fixtures/platform-triggers.yaml", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    checkStackFolder(out, "billing");
  });

  it("is written beside cdk.tf.json in-process, and not for a stack without the gateway", async () => {
    const out = join(work, "in-process");
    const run = await runCli(["synth", "fixtures/platform-agent-factory.yaml", "fixtures/platform-minimal.yaml", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    checkStackFolder(out, "agent-factory");
    expect(readdirSync(join(out, "stacks", "platform-minimal"))).not.toContain("webhook-gateway.zip");
  });
});
