// The platform settings file through the commands: each stack of `platform synth` gets its
// environment's settings (in worker threads too), a bad file stops the command with positions and
// writes nothing, `validate` checks the file, and `list --env` reads the environment's bucket.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, spawnPlatform } from "../helpers/cli.js";
import { filesBelow } from "../helpers/files.js";
import { fixturePath } from "../helpers/spec.js";

const SETTINGS = [
  "defaults:",
  "  region: eu-west-1",
  "  stateBucket: acme-state",
  "  allowedAccountIds: ['111111111111']",
  "  cloudflareZoneIdParameter: /cloudflare/dev/zone_id",
  "environments:",
  "  prod:",
  "    stateBucket: acme-state-prod",
  "    allowedAccountIds: ['222222222222']",
  "    cloudflareZoneIdParameter: /cloudflare/prod/zone_id",
  "    logRetentionDays: 365",
  "  qa:", // no spec declares qa: allowed, the file is shared
  "    region: us-west-2",
  "",
].join("\n");

/** A folder holding the settings file, with specs in a subfolder (found by walking up). */
function workspace(settings = SETTINGS): { root: string; specs: string[] } {
  const root = mkdtempSync(join(tmpdir(), "settings-cli-"));
  mkdirSync(join(root, "services"));
  writeFileSync(join(root, "platform-settings.yaml"), settings);
  const orders = readFileSync(fixturePath("platform-environments.yaml"), "utf8");
  const specs = [join(root, "services", "orders.yaml"), join(root, "services", "billing.yaml")];
  writeFileSync(specs[0]!, orders);
  writeFileSync(specs[1]!, orders.replace("name: orders", "name: billing"));
  return { root, specs };
}

type Stack = {
  terraform: { backend: { s3: { bucket: string; key: string } } };
  provider: { aws: Array<{ region: string; allowed_account_ids?: string[] }> };
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data: Record<string, Record<string, Record<string, unknown>>>;
};
const stackOf = (out: string, name: string) => JSON.parse(readFileSync(join(out, "stacks", name, "cdk.tf.json"), "utf8")) as Stack;
const hostOf = (stack: Stack) => (stack.resource.cloudflare_dns_record!.networking_dns_record as { name: string }).name;

describe("platform synth with a platform settings file", () => {
  it("gives each environment's stack its own settings: prod its bucket, account, zone and host <name>.<zone>; the others the defaults and <name>-<env>.<zone>", async () => {
    const { root, specs } = workspace();
    const out = join(root, "out");
    const run = await runCli(["synth", specs[0]!, "--out", out], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("platform settings file: platform-settings.yaml\n");
    const prod = stackOf(out, "orders-prod");
    expect(prod.terraform.backend.s3).toMatchObject({ bucket: "acme-state-prod", key: "platform/orders/prod/terraform.tfstate" });
    expect(prod.provider.aws[0]).toMatchObject({ region: "eu-west-1", allowed_account_ids: ["222222222222"] });
    expect(prod.data.aws_ssm_parameter!.cloudflare_zone_id).toMatchObject({ name: "/cloudflare/prod/zone_id" });
    expect(hostOf(prod)).toBe("orders.${data.cloudflare_zone.cloudflare_zone.name}");
    expect(prod.resource.aws_cloudwatch_log_group!.compute_log_group).toMatchObject({ retention_in_days: 365 });
    for (const env of ["dev", "staging"]) {
      const stack = stackOf(out, `orders-${env}`);
      expect(stack.terraform.backend.s3).toMatchObject({ bucket: "acme-state", key: `platform/orders/${env}/terraform.tfstate` });
      expect(stack.provider.aws[0]).toMatchObject({ region: "eu-west-1", allowed_account_ids: ["111111111111"] });
      expect(hostOf(stack)).toBe(`orders-${env}.\${data.cloudflare_zone.cloudflare_zone.name}`);
      expect(stack.resource.aws_cloudwatch_log_group!.compute_log_group).toMatchObject({ retention_in_days: 30 });
    }
  });

  it("a flag beats the file for every stack, the environment's block included", async () => {
    const { root, specs } = workspace();
    const out = join(root, "out");
    const run = await runCli(["synth", specs[0]!, "--out", out, "--state-bucket", "flag-state"], { cwd: root, env: { PLATFORM_REGION: "ap-south-1" } });
    expect(run.code, run.stderr).toBe(0);
    expect(stackOf(out, "orders-prod").terraform.backend.s3.bucket).toBe("flag-state");
    expect(stackOf(out, "orders-prod").provider.aws[0]!.region).toBe("ap-south-1");
  });

  it("resolves the settings in the worker threads as in the main thread (same bytes, the worker's spec gets prod's settings)", () => {
    const { root, specs } = workspace();
    const one = spawnPlatform(["synth", ...specs, "--out", join(root, "one")], { cwd: root, env: { PLATFORM_WORKERS: "1" } });
    const two = spawnPlatform(["synth", ...specs, "--out", join(root, "two")], { cwd: root, env: { PLATFORM_WORKERS: "2" } });
    expect([one.code, two.code], `${one.stderr}${two.stderr}`).toEqual([0, 0]);
    expect(filesBelow(join(root, "two"))).toEqual(filesBelow(join(root, "one")));
    // billing.yaml is the second file: with two threads, a worker built its stacks.
    expect(stackOf(join(root, "two"), "billing-prod").terraform.backend.s3.bucket).toBe("acme-state-prod");
    expect(stackOf(join(root, "two"), "billing-dev").provider.aws[0]!.allowed_account_ids).toEqual(["111111111111"]);
  });

  it("without a settings file, synthesizes exactly as before (no allowed_account_ids, engine defaults)", async () => {
    const root = mkdtempSync(join(tmpdir(), "settings-none-"));
    const out = join(root, "out");
    const run = await runCli(["synth", fixturePath("platform-minimal.yaml"), "--out", out], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    const stack = stackOf(out, "platform-minimal");
    expect(stack.provider.aws[0]).not.toHaveProperty("allowed_account_ids");
    expect(stack.terraform.backend.s3.bucket).toBe("platform-engine-terraform-state");
  });

  it("stops at a bad settings file: every error with its position, exit 1, nothing written, no stack trace", async () => {
    const { root, specs } = workspace("defaults:\n  regoin: eu-west-1\nenvironments:\n  prod:\n    logRetentionDays: 45\n");
    const out = join(root, "out");
    const run = await runCli(["synth", ...specs, "--out", out], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('platform-settings.yaml:2:3 defaults.regoin: unknown field "regoin"; did you mean "region"?');
    expect(run.stderr).toContain("platform-settings.yaml:5:23 environments.prod.logRetentionDays: must be one of");
    expect(run.stderr).toContain("nothing done: 2 errors in the platform settings file platform-settings.yaml");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it("names the flag of an invalid flag value (exit 2)", async () => {
    const { root, specs } = workspace();
    const run = await runCli(["synth", specs[0]!, "--out", join(root, "out"), "--allowed-account-ids", "12345"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invalid setting --allowed-account-ids="12345"');
  });

  it("--settings FILE is used instead of the file found by walking up; a missing one is a usage error", async () => {
    const { root, specs } = workspace();
    writeFileSync(join(root, "other.yaml"), "defaults:\n  stateBucket: other-state\n");
    const out = join(root, "out");
    const run = await runCli(["synth", specs[0]!, "--env", "prod", "--out", out, "--settings", "other.yaml"], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    expect(stackOf(out, "orders-prod").terraform.backend.s3.bucket).toBe("other-state");
    const missing = await runCli(["synth", specs[0]!, "--out", out, "--settings", "nope.yaml"], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--settings "nope.yaml": no such file');
  });
});

describe("platform validate with a platform settings file", () => {
  it("checks the settings file too, reporting it as a file of its own (text and json)", async () => {
    const { root, specs } = workspace("defaults:\n  backend: s4\n");
    const text = await runCli(["validate", specs[0]!], { cwd: root });
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('platform-settings.yaml:2:12 defaults.backend: must be one of "s3", "cloud"; got string "s4"; did you mean "s3"?');
    expect(text.stdout).toContain("2 files: 1 valid, 1 invalid");
    const json = await runCli(["validate", specs[0]!, "--format", "json"], { cwd: root });
    const files = (JSON.parse(json.stdout) as { files: Array<{ file: string; valid: boolean; diagnostics: Array<{ code: string; line: number }> }> }).files;
    expect(files.map((f) => [f.file, f.valid])).toEqual([
      ["platform-settings.yaml", false],
      [specs[0]!, true],
    ]);
    expect(files[0]!.diagnostics).toEqual([expect.objectContaining({ code: "schema/enum", line: 2 })]);
    const sarif = await runCli(["validate", specs[0]!, "--format", "sarif"], { cwd: root });
    const results = (JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> }).runs[0]!.results;
    expect(results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine])).toEqual([["schema/enum", "platform-settings.yaml", 2]]);
  });

  it("warns at the spec's environment when it has no block in the settings file but a block is named close to it (prdo for prod): that stack would take the defaults (validate and synth)", async () => {
    const { root, specs } = workspace(SETTINGS.replace("  prod:\n", "  prdo:\n"));
    const run = await runCli(["validate", specs[0]!], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /services\/orders\.yaml:30:3 warning: environments\.prod: environment "prod" has no block in the platform settings file \.\.\/platform-settings\.yaml, so its stack takes the file's defaults; did you mean the block "prdo"\?; hint: /,
    );
    expect(run.stdout).toContain("1 file: 1 valid, 0 invalid (0 errors, 1 warning)");
    // Only where a block is missing and one is close: dev and staging (no block, none close) say nothing.
    expect(run.stderr.match(/has no block/g)).toHaveLength(1);
    const synth = await runCli(["synth", specs[0]!, "--env", "prod", "--out", join(root, "out")], { cwd: root });
    expect(synth.code, synth.stderr).toBe(0);
    expect(synth.stderr).toContain('did you mean the block "prdo"?');
    // With the block named right, nothing is said.
    const fixed = workspace();
    expect((await runCli(["validate", fixed.specs[0]!], { cwd: fixed.root })).stderr).not.toContain("has no block");
  });

  it("passes with a valid settings file", async () => {
    const { root, specs } = workspace();
    const run = await runCli(["validate", ...specs, "--policy"], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    // Which file the walk-up found is said, as by every command that uses one (once, though two specs use it).
    expect(run.stderr).toBe("platform settings file: platform-settings.yaml\n");
  });
});

describe("commands acting on one environment's stack", () => {
  it("preview --env prod builds prod's stack with prod's settings; --env dev with the defaults", async () => {
    const { root, specs } = workspace();
    const prod = await runCli(["preview", specs[0]!, "--env", "prod"], { cwd: root });
    expect(prod.code, prod.stderr).toBe(0);
    expect(prod.stdout).toMatch(/aws_cloudwatch_log_group\.compute_log_group\s+name=\/ecs\/orders-prod\s+retention_in_days=365/);
    const dev = await runCli(["preview", specs[0]!, "--env", "dev"], { cwd: root });
    expect(dev.stdout).toMatch(/aws_cloudwatch_log_group\.compute_log_group\s+name=\/ecs\/orders-dev\s+retention_in_days=30/);
  });
});

describe("platform settings", () => {
  it("shows each setting of a stack with where it came from, one level per origin", async () => {
    const { root, specs } = workspace();
    const run = await runCli(["settings", specs[0]!, "--env", "prod", "--alb-name", "flag-alb"], { cwd: root, env: { PLATFORM_HTTPS_LISTENER_PORT: "8443" } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("settings file: platform-settings.yaml, environment prod\n");
    expect(run.stdout).toMatch(/\n {2}albName +flag-alb {2}\(--alb-name\)\n/);
    expect(run.stdout).toMatch(/\n {2}httpsListenerPort +8443 {2}\(PLATFORM_HTTPS_LISTENER_PORT\)\n/);
    expect(run.stdout).toMatch(/\n {2}stateBucket +acme-state-prod {2}\(platform-settings\.yaml:8:18 \(environments\.prod\.stateBucket\)\)\n/);
    expect(run.stdout).toMatch(/\n {2}region +eu-west-1 {2}\(platform-settings\.yaml:2:11 \(defaults\.region\)\)\n/);
    expect(run.stdout).toMatch(/\n {2}ecrKeepImages +0 {2}\(engine default\)\n/);
    expect(run.stdout).toContain("the environment has a Cloudflare zone of its own: hosts are <name>.<zone>\n");
    const json = JSON.parse((await runCli(["settings", specs[0]!, "--env", "dev", "--json"], { cwd: root })).stdout);
    expect(json).toMatchObject({ file: "platform-settings.yaml", environment: "dev", ownZone: false, settings: { stateBucket: { value: "acme-state", origin: "platform-settings.yaml:3:16 (defaults.stateBucket)" } } });
  });

  it("refuses an environment the spec does not declare (did-you-mean, exit 1) and, for a spec with environments, a missing --env (exit 2), instead of showing a stack that does not exist", async () => {
    const { root, specs } = workspace();
    const typo = await runCli(["settings", specs[0]!, "--env", "prd"], { cwd: root });
    expect(typo.code).toBe(1);
    expect(typo.stdout).toBe("");
    expect(typo.stderr).toMatch(/services\/orders\.yaml:22:1 environments: unknown environment "prd"; did you mean "prod"\?; hint: environments of this spec: dev, staging, prod$/m);
    expect(typo.stderr).not.toMatch(/\n\s+at /);
    const none = await runCli(["settings", specs[0]!], { cwd: root });
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("services/orders.yaml declares environments (dev, staging, prod): choose one with --env NAME");
    const plain = join(root, "services", "plain.yaml");
    writeFileSync(plain, readFileSync(fixturePath("platform-minimal.yaml"), "utf8"));
    const noEnvironments = await runCli(["settings", plain, "--env", "prod"], { cwd: root });
    expect(noEnvironments.code).toBe(1);
    expect(noEnvironments.stderr).toMatch(/unknown environment "prod"; hint: this spec declares no environments/);
    // Without a spec the file's blocks are the only names to check against: a name close to a block's
    // is said on stderr (it takes the defaults), then the defaults are shown.
    const close = await runCli(["settings", "--env", "prd"], { cwd: root });
    expect(close.code).toBe(0);
    expect(close.stderr).toContain('platform-settings.yaml: warning: no block for environment "prd" under environments, so it takes the defaults; did you mean "prod"?');
    expect(close.stdout).toMatch(/\n {2}stateBucket +acme-state {2}\(platform-settings\.yaml:3:16 \(defaults\.stateBucket\)\)\n/);
    expect((await runCli(["settings", "--env", "staging"], { cwd: root })).stderr).not.toContain("warning");
    // Without a spec there is nothing to check the name against: the file's block, else its defaults.
    expect((await runCli(["settings", "--env", "qa"], { cwd: root })).stdout).toMatch(/\n {2}region +us-west-2 {2}\(platform-settings\.yaml:13:13 \(environments\.qa\.region\)\)\n/);
  });
});
