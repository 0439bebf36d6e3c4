import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { App } from "../../providers/cdktf.js";
import { buildApp, writeStackFiles } from "../../src/app.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/spec.js";

describe("the cdktf app", () => {
  it("is what `npm run cdktf -- synth` runs, without the CLI's checkpoint call: it synthesizes the specs listed in cdktf.json's context, byte for byte as `platform synth` does", async () => {
    const out = mkdtempSync(join(tmpdir(), "cdktf-synth-"));
    const specs: string[] = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")).context.specs;
    // Through `npm run cdktf` (scripts/cdktf.mjs), which turns the CLI's version check off: offline,
    // the check prints "getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com" in red.
    const run = spawnSync(process.execPath, [join(ROOT, "scripts/cdktf.mjs"), "synth", "--output", out], {
      cwd: ROOT,
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: "true", DISABLE_VERSION_CHECK: "1" },
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain("checkpoint-api.hashicorp.com");
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    const names = specs.map((spec) => /name: (\S+)/.exec(readFileSync(join(ROOT, spec), "utf8"))![1]!);
    expect(Object.keys(manifest.stacks).sort()).toEqual([...names].sort());
    const platformOut = mkdtempSync(join(tmpdir(), "platform-synth-"));
    expect((await runCli(["synth", ...specs, "--out", platformOut])).code).toBe(0);
    for (const name of names) {
      const file = join("stacks", name, "cdk.tf.json");
      const json = JSON.parse(readFileSync(join(out, file), "utf8"));
      expect(json.terraform.backend.s3.key).toBe(`platform/${name}/terraform.tfstate`);
      expect(readFileSync(join(platformOut, file), "utf8")).toBe(readFileSync(join(out, file), "utf8"));
    }
  }, 120_000);
});

describe("the cdktf app's output for a stack with the webhook gateway", () => {
  it("holds the gateway's zip beside cdk.tf.json, as platform synth writes it", async () => {
    const outdir = mkdtempSync(join(tmpdir(), "cdktf-app-gateway-"));
    const app = new App({ outdir, stackTraces: false, context: { specs: ["fixtures/platform-triggers.yaml"] } });
    expect(await buildApp(app, ROOT, {}, () => {})).toBe(true);
    app.synth();
    writeStackFiles(app);
    const zip = readFileSync(join(outdir, "stacks", "billing", "webhook-gateway.zip"));
    expect(zip.equals(readFileSync(join(ROOT, "dist", "gateway", "webhook-gateway.zip")))).toBe(true);
    const fn = JSON.parse(readFileSync(join(outdir, "stacks", "billing", "cdk.tf.json"), "utf8")).resource.aws_lambda_function.triggers_webhook_function;
    expect(fn.source_code_hash).toBe(createHash("sha256").update(zip).digest("base64"));
  });
});
