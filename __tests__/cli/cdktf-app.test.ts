import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { App, TerraformStack } from "../../providers/cdktf.js";
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

describe("the cdktf app's context naming environments", () => {
  const stacksOf = async (context: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "cdktf-app-env-")), stackTraces: false, context });
    let stderr = "";
    const ok = await buildApp(app, ROOT, env, (text) => void (stderr += text));
    const names = app.node.children.filter((child) => child instanceof TerraformStack).map((child) => child.node.id).sort();
    return { ok, names, stderr };
  };

  it("without environments in the context, sees one stack per environment of a spec that declares them", async () => {
    expect(await stacksOf({ specs: ["fixtures/platform-environments.yaml"] })).toMatchObject({ ok: true, names: ["orders-dev", "orders-prod", "orders-staging"] });
  });

  it("context.environments limits every spec with environments to those; a spec without environments keeps its one stack", async () => {
    expect(await stacksOf({ specs: ["fixtures/platform-environments.yaml", "fixtures/platform-minimal.yaml"], environments: ["staging"] })).toMatchObject({
      ok: true,
      names: ["orders-staging", "platform-minimal"],
    });
  });

  it("a spec entry can name its own environments", async () => {
    expect(await stacksOf({ specs: [{ spec: "fixtures/platform-environments.yaml", environments: ["dev", "prod"] }] })).toMatchObject({ ok: true, names: ["orders-dev", "orders-prod"] });
  });

  it("an environment the spec does not declare fails with a did-you-mean; a malformed entry says what to write", async () => {
    const unknown = await stacksOf({ specs: [{ spec: "fixtures/platform-environments.yaml", environments: ["stagign"] }] });
    expect(unknown.ok).toBe(false);
    expect(unknown.stderr).toContain('unknown environment "stagign"; did you mean "staging"?');
    const malformed = await stacksOf({ specs: [{ file: "fixtures/platform-environments.yaml" }] });
    expect(malformed.ok).toBe(false);
    expect(malformed.stderr).toContain('{"spec": "fixtures/platform-environments.yaml", "environments": ["staging"]}');
  });

  it("an empty list of environments (context.environments or an entry's) is an error saying what to write, not a synth of nothing", async () => {
    for (const context of [
      { specs: ["fixtures/platform-environments.yaml"], environments: [] },
      { specs: [{ spec: "fixtures/platform-environments.yaml", environments: [] }] },
    ]) {
      const empty = await stacksOf(context);
      expect(empty.ok).toBe(false);
      expect(empty.names).toEqual([]);
      expect(empty.stderr).toContain("cdktf.json: an empty list of environments synthesizes nothing: name at least one environment, or leave the list out for every environment");
    }
  });

  it("gives each stack its environment's settings from the settings file (PLATFORM_SETTINGS here)", async () => {
    const folder = mkdtempSync(join(tmpdir(), "cdktf-app-settings-"));
    writeFileSync(join(folder, "platform-settings.yaml"), "environments:\n  prod:\n    stateBucket: acme-state-prod\n");
    const app = new App({ outdir: folder, stackTraces: false, context: { specs: ["fixtures/platform-environments.yaml"], environments: ["prod", "dev"] } });
    expect(await buildApp(app, ROOT, { PLATFORM_SETTINGS: join(folder, "platform-settings.yaml") }, () => {})).toBe(true);
    app.synth();
    const bucket = (name: string) => JSON.parse(readFileSync(join(folder, "stacks", name, "cdk.tf.json"), "utf8")).terraform.backend.s3.bucket;
    expect([bucket("orders-prod"), bucket("orders-dev")]).toEqual(["acme-state-prod", "platform-engine-terraform-state"]);
  });

  it("warns, as platform synth does, when a synthesized environment has no block in the settings file but a block is named close to it (prdo for prod)", async () => {
    const folder = mkdtempSync(join(tmpdir(), "cdktf-app-settings-typo-"));
    writeFileSync(join(folder, "platform-settings.yaml"), "environments:\n  prdo:\n    stateBucket: acme-state-prod\n");
    const { ok, names, stderr } = await stacksOf({ specs: ["fixtures/platform-environments.yaml"], environments: ["prod", "dev"] }, { PLATFORM_SETTINGS: join(folder, "platform-settings.yaml") });
    expect(ok).toBe(true);
    expect(names).toEqual(["orders-dev", "orders-prod"]);
    expect(stderr).toMatch(/platform-environments\.yaml:30:3 warning: environments\.prod: environment "prod" has no block in the platform settings file .*platform-settings\.yaml, so its stack takes the file's defaults; did you mean the block "prdo"\?/);
    expect(stderr.match(/has no block/g)).toHaveLength(1);
  });

  it("refuses two environments that would create the same host name in the shared zone (compute/host-taken), as platform synth does; one of them alone is built", async () => {
    const folder = mkdtempSync(join(tmpdir(), "cdktf-app-hosts-"));
    const spec = join(folder, "platform.yaml");
    writeFileSync(spec, "apiVersion: platform.althq.com/v1\nkind: Service\nmetadata:\n  name: shop\nspec:\n  compute:\n    hostnames: [api]\nenvironments:\n  dev: {}\n  prod: {}\n");
    const both = await stacksOf({ specs: [spec] });
    expect(both.ok).toBe(false);
    expect(both.stderr).toContain(`${spec}:7:17 spec.compute.hostnames[0]: host name "api" in the Cloudflare zone of /cloudflare/zone_id is created by both stack shop-dev and stack shop-prod`);
    const one = await stacksOf({ specs: [{ spec, environments: ["prod"] }] });
    expect(one).toMatchObject({ ok: true, names: ["shop-prod"] });
  });

  it("takes the settings file from context.settings too (relative to the project), and stops at an invalid one with its position", async () => {
    const folder = mkdtempSync(join(tmpdir(), "cdktf-app-context-settings-"));
    writeFileSync(join(folder, "good.yaml"), "environments:\n  staging:\n    stateBucket: acme-state-staging\n");
    writeFileSync(join(folder, "bad.yaml"), "defaults:\n  stateBuckett: x\n");
    const good = new App({ outdir: folder, stackTraces: false, context: { specs: ["fixtures/platform-environments.yaml"], environments: ["staging"], settings: join(folder, "good.yaml") } });
    expect(await buildApp(good, ROOT, {}, () => {})).toBe(true);
    good.synth();
    expect(JSON.parse(readFileSync(join(folder, "stacks", "orders-staging", "cdk.tf.json"), "utf8")).terraform.backend.s3.bucket).toBe("acme-state-staging");
    let stderr = "";
    const bad = new App({ outdir: mkdtempSync(join(tmpdir(), "cdktf-app-bad-")), stackTraces: false, context: { specs: ["fixtures/platform-environments.yaml"], settings: join(folder, "bad.yaml") } });
    expect(await buildApp(bad, ROOT, {}, (text) => void (stderr += text))).toBe(false);
    expect(stderr).toContain(`${join(folder, "bad.yaml")}:2:3 defaults.stateBuckett: unknown field "stateBuckett"; did you mean "stateBucket"?`);
  });
});
