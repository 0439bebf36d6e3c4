// The offline preview: resources grouped by phase and capability, with their key values.
import { writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyValues, previewSpec, renderPreview } from "../../src/lifecycle/preview.js";
import { runCli } from "../helpers/cli.js";
import { startS3Server, type S3Server } from "../helpers/s3-server.js";
import { defaultSettings, fixturePath, loadValid, specYaml } from "../helpers/spec.js";
import { requireTerraform, tempDir, terraformEnv } from "../helpers/terraform.js";

const computeSpec = (compute: Record<string, unknown>) => loadValid(specYaml({ compute }, "shop"));
const lineOf = (lines: string[], address: string) => lines.find((line) => line.includes(` ${address} `)) ?? "";

describe("offline preview", () => {
  it("groups resources under their phase, then their capability step, in phase order", async () => {
    const lines = renderPreview(await previewSpec(computeSpec({}), defaultSettings()));
    const end = lines.indexOf("variables (deploy inputs):");
    const headings = lines.slice(0, end).filter((line) => /^[A-Z]+$/.test(line) || /^ {2}\S/.test(line));
    expect(headings.map((line) => line.split(":")[0])).toEqual([
      "FOUNDATION",
      "  foundation",
      "COMPUTE",
      "  compute",
      "NETWORKING",
      "  networking",
    ]);
  });

  it("lists every resource of the stack exactly once", async () => {
    const preview = await previewSpec(computeSpec({}), defaultSettings());
    const addresses = preview.steps.flatMap((step) => step.resources.map((resource) => resource.address));
    expect(new Set(addresses).size).toBe(addresses.length);
    expect(addresses).toContain("aws_ecs_service.compute_ecs_service");
    expect(addresses).toContain("aws_lb_target_group.networking_target_group");
  });

  it("shows the task's size and container port from the spec", async () => {
    const lines = renderPreview(await previewSpec(computeSpec({ cpu: 1024, memory: 3072, port: 9000 }), defaultSettings()));
    expect(lineOf(lines, "aws_ecs_task_definition.compute_task_definition")).toMatch(/family=shop {2}cpu=1024 {2}memory=3072 .*container_port=9000$/);
  });

  it("shows names, counts and ports of the service and its target group", async () => {
    const lines = renderPreview(await previewSpec(computeSpec({ port: 9000, instances: { min: 3 } }), defaultSettings()));
    expect(lineOf(lines, "aws_ecs_service.compute_ecs_service")).toMatch(/name=shop {2}desired_count=3$/);
    expect(lineOf(lines, "aws_lb_target_group.networking_target_group")).toMatch(/port=10000 {2}protocol=HTTP {2}target_type=ip {2}health_check=\/health$/);
  });

  it("lists the lookups of shared infrastructure under the step that needs them", async () => {
    const preview = await previewSpec(computeSpec({}), defaultSettings());
    expect(preview.steps.find((step) => step.name === "networking")?.lookups).toContain("data.aws_lb_listener.shared_alb_https_listener");
  });

  it("names the deploy variables and the two creation phases", async () => {
    const lines = renderPreview(await previewSpec(computeSpec({}), defaultSettings()));
    expect(lines).toContain("  image_tag: " + "Tag of the shop image in shop to run; tags are immutable, so use one per build (e.g. the git SHA).");
    expect(lines.at(-1)).toMatch(/^platform create runs in two phases: first aws_ecr_repository\.compute_ecr_repository, /);
  });

  it("marks a step that creates nothing", async () => {
    const lines = renderPreview(await previewSpec(loadValid(specYaml({ compute: {}, secrets: ["API_KEY"] }, "shop")), defaultSettings()));
    expect(lines.slice(lines.indexOf("INFRASTRUCTURE"), lines.indexOf("INFRASTRUCTURE") + 3)).toEqual([
      "INFRASTRUCTURE",
      "  secrets: SSM SecureString references /<service>/<NAME>, wired into workloads",
      "    (nothing to create)",
    ]);
  });

  it("shows the database's engine, version, class and storage from the spec", async () => {
    const spec = specYaml({ compute: {}, database: { engine: "postgres", instanceClass: "db.r6g.large", allocatedStorage: 50, dbName: "app", dbUsername: "app" } }, "shop");
    const lines = renderPreview(await previewSpec(loadValid(spec), defaultSettings()));
    expect(lineOf(lines, "aws_db_instance.database_instance")).toMatch(/identifier=shop {2}engine=postgres {2}engine_version=16 {2}instance_class=db\.r6g\.large {2}allocated_storage=50 {2}port=5432$/);
  });

  it("shows Multi-AZ, deletion protection and the security facts of each resource, under it", async () => {
    const spec = specYaml(
      {
        compute: {},
        database: { engine: "postgres", instanceClass: "db.r6g.large", dbName: "app", dbUsername: "app_admin", multiAz: true, deletionProtection: false },
        cache: { engine: "redis", nodeType: "cache.t4g.micro", numNodes: 2 },
      },
      "shop",
    );
    const lines = renderPreview(await previewSpec(loadValid(spec), defaultSettings()));
    const securityOf = (address: string) => lines[lines.indexOf(lineOf(lines, address)) + 1]!.trim();
    expect(securityOf("aws_db_instance.database_instance")).toMatch(/^security: +multi_az=true {2}deletion_protection=false {2}.*storage_encrypted=true .*publicly_accessible=false$/);
    expect(securityOf("aws_elasticache_replication_group.cache_replication_group")).toMatch(
      /^security: +multi_az_enabled=true {2}automatic_failover_enabled=true .*at_rest_encryption_enabled=true {2}transit_encryption_enabled=true {2}transit_encryption_mode=required$/,
    );
    expect(securityOf("aws_ecs_service.compute_ecs_service")).toMatch(/^security: +assign_public_ip=false$/);
    expect(securityOf("aws_ecr_repository.compute_ecr_repository")).toMatch(/^security: +scan_on_push=true$/);
  });

  it("describes the triggers step by what is declared only", async () => {
    const summaryOf = async (triggers: Record<string, unknown>) => {
      const lines = renderPreview(await previewSpec(loadValid(specYaml({ compute: {}, triggers, secrets: ["HOOK_SECRET"] }, "shop")), defaultSettings()));
      return lines.find((line) => line.startsWith("  triggers: "));
    };
    expect(await summaryOf({ eventbridge: { scheduleGroup: "nightly" } })).toBe("  triggers: EventBridge Scheduler group nightly and the role its schedules run with");
    expect(await summaryOf({ webhookGateway: true, webhook: { scheme: "github", secret: "HOOK_SECRET" } })).toBe("  triggers: the built-in webhook gateway (Function URL) and the stack's event bus");
  });

  it("marks resources repeated per item of a plan-time list", async () => {
    const lines = renderPreview(await previewSpec(computeSpec({}), defaultSettings()));
    expect(lineOf(lines, "aws_vpc_security_group_ingress_rule.compute_ingress_from_alb")).toMatch(/count=one per plan-time item$/);
  });

  it("reads host rules out of nested blocks", () => {
    expect(keyValues("aws_lb_listener_rule", { condition: [{ host_header: { values: ["shop.example.com"] } }], priority: 7 })).toEqual([
      ["priority", "7"],
      ["host", "shop.example.com"],
    ]);
  });
});

describe("platform preview (command)", () => {
  let server: S3Server;
  let root: string;
  beforeAll(async () => {
    server = await startS3Server(["preview-state"]);
    root = tempDir("preview");
  });
  afterAll(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  it("prints the grouped resources offline, with no credentials and no terraform", async () => {
    const result = await runCli(["preview", fixturePath("platform-minimal.yaml")], { env: {} });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^platform-minimal: 17 resources, 12 lookups \(offline preview: nothing was contacted\)\n/);
    expect(result.stdout).toContain("\nCOMPUTE\n  compute: ");
  });

  it("describes the preview as JSON with --json", async () => {
    const result = await runCli(["preview", fixturePath("platform-minimal.yaml"), "--json"], { env: {} });
    const preview = JSON.parse(result.stdout) as { service: string; steps: Array<{ phase: string; name: string }> };
    expect(preview.service).toBe("platform-minimal");
    expect(preview.steps.map((step) => `${step.phase}/${step.name}`)).toEqual(["foundation/foundation", "infrastructure/secrets", "compute/compute", "networking/networking"]);
  });

  it("exits 1 on an invalid spec", async () => {
    const file = join(root, "invalid.yaml");
    writeFileSync(file, specYaml({ compute: { cpu: 256, memory: 4096 } }));
    expect((await runCli(["preview", file], { env: {} })).code).toBe(1);
  });

  it("with --plan, runs terraform init on the stack and ends in exit 3 where providers cannot be installed", async () => {
    requireTerraform();
    const env = terraformEnv(root, { PLATFORM_STATE_ENDPOINT: server.endpoint, PLATFORM_STATE_BUCKET: "preview-state" });
    const result = await runCli(["preview", fixturePath("platform-minimal.yaml"), "--plan", "--out", join(root, "out")], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('note: no value for image_tag; planned with "not-set"');
    expect(result.stderr).toMatch(/\nplatform preview: terraform could not install providers cloudflare\/cloudflare, hashicorp\/aws: it is not in the configured provider mirror\n/);
  });
});
