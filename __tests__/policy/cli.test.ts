// A deliberately broken (or declared-exception) construct added to a real stack, through the real
// commands: buildStack is wrapped so the construct joins the stack after every phase ran.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EcsCluster } from "../../providers/aws/ecs-cluster.js";
import { EfsFileSystem } from "../../providers/aws/efs-file-system.js";
import { App, type TerraformStack } from "../../providers/cdktf.js";
import { buildApp } from "../../src/app.js";
import { declareException } from "../../src/policy/index.js";
import { rule } from "./helpers.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/spec.js";

const injected = vi.hoisted(() => ({ extend: undefined as undefined | ((stack: TerraformStack) => void) }));

vi.mock("../../src/engine/build.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/engine/build.js")>();
  return {
    ...actual,
    buildStack: async (...args: Parameters<typeof actual.buildStack>) => {
      const built = await actual.buildStack(...args);
      injected.extend?.(built.stack);
      return built;
    },
  };
});

const MINIMAL = "fixtures/platform-minimal.yaml";
/** A cluster without Container Insights: breaks PLT-ECS-001. */
const brokenCluster = (stack: TerraformStack) => new EcsCluster(stack, "broken_cluster", { name: "broken" });
/** An unencrypted file system declared an exception, as `storage.encrypted: false` would. */
const exceptedFileSystem = (stack: TerraformStack) =>
  declareException(new EfsFileSystem(stack, "storage_file_system", { encrypted: false }), rule("PLT-ENC-001"), "spec.storage.encrypted is false");

describe("policy checks in the commands", () => {
  const dirs: string[] = [];
  const outDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-cli-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    injected.extend = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("synth refuses a stack with a broken construct: exit 1, the finding printed, nothing written", async () => {
    injected.extend = brokenCluster;
    const out = outDir();
    const run = await runCli(["synth", MINIMAL, "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[platform-minimal/broken_cluster] PLT-ECS-001: Container Insights is off: setting containerInsights is not set; required: "enabled" (or "enhanced")\n');
    expect(run.stderr).toContain("nothing written: 1 policy error\n");
    expect(existsSync(join(out, "stacks", "platform-minimal"))).toBe(false);
  });

  it("synth writes a stack whose only finding is a declared exception, and names it once in the stack's summary", async () => {
    injected.extend = exceptedFileSystem;
    const out = outDir();
    const run = await runCli(["synth", MINIMAL, "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("warning:");
    expect(run.stdout).toContain("  declared policy exceptions:\n    PLT-ENC-001 (1 resource): spec.storage.encrypted is false\n");
    const json = JSON.parse(readFileSync(join(out, "stacks", "platform-minimal", "cdk.tf.json"), "utf8")) as { resource: Record<string, unknown> };
    expect(json.resource.aws_efs_file_system).toBeDefined();
  });

  it("synth reports a declaration that excuses several resources once, not a warning per resource (real fixture)", async () => {
    const run = await runCli(["synth", "fixtures/platform-agent-factory.yaml", "--out", outDir()]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("PLT-");
    const lines = run.stdout.split("\n");
    const header = lines.indexOf("  declared policy exceptions:");
    expect(lines.slice(header + 1).filter((line) => line.startsWith("    "))).toEqual([
      "    PLT-LMB-003, PLT-LMB-005 (3 resources): spec.triggers.webhookGateway: webhook senders cannot sign AWS requests; the gateway verifies each sender's signature",
    ]);
  });

  it("synth of the minimal fixture prints no finding", async () => {
    const run = await runCli(["synth", MINIMAL, "--out", outDir()]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/PLT-/);
  });

  it("validate --policy reports the broken construct and exits 1, writing nothing", async () => {
    injected.extend = brokenCluster;
    const cwd = outDir();
    const run = await runCli(["validate", "--policy", join(process.cwd(), MINIMAL)], { cwd });
    expect(run.code).toBe(1);
    // The cluster was added by no section of the spec: the finding points at `spec` (line 8).
    expect(run.stderr).toContain(`${join(process.cwd(), MINIMAL)}:8:1: [platform-minimal/broken_cluster] PLT-ECS-001: Container Insights is off`);
    expect(run.stdout).toContain("refused by policy (service platform-minimal): 1 policy error");
    expect(run.stdout).toContain("1 file: 0 valid, 1 invalid (1 error, 0 warnings)");
    expect(existsSync(join(cwd, "cdktf.out"))).toBe(false);
  });

  it("validate without --policy checks the spec only, and builds no stack", async () => {
    injected.extend = brokenCluster;
    const run = await runCli(["validate", MINIMAL]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/PLT-/);
  });

  it("validate --policy --format json carries the findings and marks the file invalid", async () => {
    injected.extend = brokenCluster;
    const run = await runCli(["validate", "--policy", "--format", "json", MINIMAL]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { valid: boolean; files: Array<{ valid: boolean; findings: unknown[] }> };
    expect(report.valid).toBe(false);
    expect(report.files[0]!.valid).toBe(false);
    expect(report.files[0]!.findings).toEqual([
      {
        code: "PLT-ECS-001",
        ruleId: "PLT-ECS-001",
        severity: "error",
        path: "platform-minimal/broken_cluster",
        address: "aws_ecs_cluster.broken_cluster",
        message: 'Container Insights is off: setting containerInsights is not set; required: "enabled" (or "enhanced")',
        title: expect.stringContaining("Container Insights"),
        // No section's logical-id prefix: reported at `spec` itself.
        file: MINIMAL,
        line: 8,
        column: 1,
        endLine: 8,
        endColumn: 5,
        specPath: "spec",
      },
    ]);
  });

  it("validate --policy --format github annotates the spec file with the rule id", async () => {
    injected.extend = brokenCluster;
    const run = await runCli(["validate", "--policy", "--format", "github", MINIMAL]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error file=${MINIMAL},line=8,col=1,title=PLT-ECS-001::[platform-minimal/broken_cluster] PLT-ECS-001: Container Insights is off: setting containerInsights is not set; required: "enabled" (or "enhanced")\n`,
    );
  });

  it("validate --policy passes a declared exception as a warning", async () => {
    injected.extend = exceptedFileSystem;
    const run = await runCli(["validate", "--policy", MINIMAL]);
    expect(run.code).toBe(0);
    // The exception names spec.storage.encrypted, which this spec lacks: its nearest ancestor, `spec`.
    expect(run.stderr).toContain(`${MINIMAL}:8:1: warning: [platform-minimal/storage_file_system] PLT-ENC-001:`);
    expect(run.stdout).toContain("1 file: 1 valid, 0 invalid (0 errors, 1 warning)");
  });

  it("the cdktf app (what `cdktf synth` runs) refuses the stack too, printing the finding", async () => {
    injected.extend = brokenCluster;
    const app = new App({ outdir: outDir(), stackTraces: false, context: { specs: [MINIMAL] } });
    let stderr = "";
    expect(await buildApp(app, ROOT, {}, (text) => void (stderr += text))).toBe(false);
    expect(stderr).toContain("[platform-minimal/broken_cluster] PLT-ECS-001: Container Insights is off");
  });

  it("the cdktf app names a declared exception once per stack, not as a warning per resource", async () => {
    injected.extend = exceptedFileSystem;
    const app = new App({ outdir: outDir(), stackTraces: false, context: { specs: [MINIMAL] } });
    let stderr = "";
    expect(await buildApp(app, ROOT, {}, (text) => void (stderr += text))).toBe(true);
    expect(stderr).toBe("platform-minimal: declared policy exception: PLT-ENC-001 (1 resource): spec.storage.encrypted is false\n");
  });

  it("create stops before terraform runs when the stack breaks a policy", async () => {
    injected.extend = brokenCluster;
    const run = await runCli(["create", MINIMAL, "--out", outDir(), "--yes"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("[platform-minimal/broken_cluster] PLT-ECS-001: Container Insights is off");
    expect(run.stderr).toContain("platform create: refused by policy: 1 policy error\n");
  });
});
