// The offline preview: resources grouped by phase and capability, with their key values.
import { readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previewSpec, renderPreview } from "../../src/lifecycle/preview.js";
import { keyValues } from "../../src/lifecycle/resource-facts.js";
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
    expect(lineOf(lines, "aws_ecs_task_definition.compute_task_definition")).toMatch(/family=shop {2}cpu=1024 {2}memory=3072 {2}cpu_architecture=X86_64 .*container_port=9000 {2}environment=CF_ACCESS_AUD,PLATFORM_SERVICE_NAME {2}sidecars=access-proxy$/);
  });

  it("shows names, counts and ports of the service and its target group", async () => {
    const lines = renderPreview(await previewSpec(computeSpec({ port: 9000, instances: { min: 3 } }), defaultSettings()));
    expect(lineOf(lines, "aws_ecs_service.compute_ecs_service")).toMatch(/name=shop {2}desired_count=3 {2}launch_type=FARGATE$/);
    expect(lineOf(lines, "aws_lb_target_group.networking_target_group")).toMatch(/port=10000 {2}protocol=HTTP {2}target_type=ip {2}health_check=\/health \(port 9000, codes 200\)$/);
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

  it("shows what the compute fields set: scaling range and targets, the count left to the scaler, capacity, architecture, command, environment, health checks, hosts", async () => {
    const lines = renderPreview(await previewSpec(loadValid(readFileSync(fixturePath("platform-api-autoscaled.yaml"), "utf8")), defaultSettings()));
    expect(lineOf(lines, "aws_appautoscaling_target.compute_scaling_target")).toMatch(/ min_capacity=2 {2}max_capacity=10$/);
    expect(lineOf(lines, "aws_appautoscaling_policy.compute_scaling_cpu")).toMatch(
      / name=orders-api-cpu {2}metric=ECSServiceAverageCPUUtilization {2}target_value=60 {2}scale_in_cooldown=300 {2}scale_out_cooldown=60$/,
    );
    expect(lineOf(lines, "aws_appautoscaling_policy.networking_scaling_requests")).toMatch(/ metric=ALBRequestCountPerTarget {2}target_value=1000 /);
    expect(lineOf(lines, "aws_ecs_service.compute_ecs_service")).toMatch(/ desired_count=2 \(at creation only: lifecycle\.ignore_changes\) {2}launch_type=FARGATE {2}health_check_grace_period_seconds=60$/);
    const task = lineOf(lines, "aws_ecs_task_definition.compute_task_definition");
    expect(task).toContain("  cpu_architecture=ARM64  ");
    expect(task).toContain('  command=["node","dist/server.js","--port","8080"]  environment=PLATFORM_SERVICE_NAME,LOG_LEVEL,GREETING');
    expect(lineOf(lines, "aws_lb_target_group.networking_target_group")).toMatch(/ health_check=\/healthz \(every 15s, timeout 5s, healthy after 2, unhealthy after 3, codes 200-299\)$/);
    // Every host whole, the zone lookup shortened.
    expect(lineOf(lines, "aws_lb_listener_rule.networking_listener_rule")).toMatch(/ host=orders-api\.<zone>,orders\.<zone>,orders-v2\.<zone>$/);
    expect(lineOf(lines, "cloudflare_dns_record.networking_dns_record_orders_v2")).toMatch(/ name=orders-v2\.<zone> {2}type=CNAME {2}proxied=true$/);
    expect(lineOf(lines, "aws_lambda_function.lambda_nightly_report_function")).toMatch(/ reserved_concurrent_executions=1 {2}architecture=arm64$/);
    expect(lineOf(lines, "aws_lambda_function.lambda_reindex_function")).toMatch(/ timeout=120 {2}architecture=arm64$/);
    // Each step says what this spec's fields make of it.
    expect(lines).toContain("  compute: ECR repository, ECS cluster, log group, Fargate task definition and service; autoscaling between 2 and 10 tasks (target tracking on CPU 60%); arm64 (Graviton)");
    expect(lines).toContain(
      "  networking: target group, HTTPS listener rule, 3 Cloudflare DNS records, request-count scaling policy (1000 per task); public: no Access application",
    );
    expect(lines).toContain("  lambda: per function: container-image Lambda in the private subnets, log group, no Function URL (url: false), ECR repository per image; EFS mount with storage");
  });

  it("lists every environment variable name of the container, however many", async () => {
    const lines = renderPreview(await previewSpec(loadValid(readFileSync(fixturePath("platform-agent-factory.yaml"), "utf8")), defaultSettings()));
    const names = /  environment=(\S+)/.exec(lineOf(lines, "aws_ecs_task_definition.compute_task_definition"))?.[1]?.split(",") ?? [];
    expect(names.length).toBeGreaterThan(10);
    expect(names).toContain("STORAGE_MOUNT_PATH");
    expect(names.every((name) => /^[A-Z][A-Z0-9_]*$/.test(name))).toBe(true);
  });

  it("shows Spot capacity, ECS Exec and the container health check of the worker", async () => {
    const lines = renderPreview(await previewSpec(loadValid(readFileSync(fixturePath("platform-worker-spot.yaml"), "utf8")), defaultSettings()));
    const securityOf = (address: string) => lines[lines.indexOf(lineOf(lines, address)) + 1]!.trim();
    expect(lineOf(lines, "aws_ecs_service.compute_ecs_service")).toMatch(/ desired_count=1 \(at creation only: lifecycle\.ignore_changes\) {2}capacity_provider_strategy=FARGATE \(base 1\), FARGATE_SPOT \(weight 1\)$/);
    expect(securityOf("aws_ecs_service.compute_ecs_service")).toMatch(/^security: +assign_public_ip=false {2}enable_execute_command=true$/);
    expect(securityOf("aws_ecs_cluster.compute_ecs_cluster")).toMatch(/^security: +execute_command_logging=OVERRIDE$/);
    expect(lineOf(lines, "aws_ecs_cluster_capacity_providers.compute_capacity_providers")).toMatch(/ capacity_providers=FARGATE,FARGATE_SPOT$/);
    expect(lineOf(lines, "aws_ecs_task_definition.compute_task_definition")).toContain('  container_health_check=["CMD-SHELL","python -m worker.healthcheck"]  sidecars=access-proxy');
    expect(lines).toContain(
      "  compute: ECR repository, ECS cluster, log group, Fargate task definition and service; autoscaling between 1 and 4 tasks (target tracking on memory 70%); the first 1 task on demand, the rest on Fargate Spot; ECS Exec, its sessions logged",
    );
    expect(lines).toContain("  networking: target group, HTTPS listener rule, Cloudflare DNS record and Access application");
    // Behind the Access proxy, the load balancer checks the container's own port.
    expect(lineOf(lines, "aws_lb_target_group.networking_target_group")).toMatch(/ port=10000 .* health_check=\/status \(port 9000, codes 200\)$/);
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
