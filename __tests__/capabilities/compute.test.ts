import { describe, expect, it } from "vitest";
import { load, resource, resourcesOf, specYaml, synthesize } from "../helpers/spec.js";

const computeSpec = (compute: Record<string, unknown>, extra: Record<string, unknown> = {}) => specYaml({ compute, ...extra });

function containerOf(json: Awaited<ReturnType<typeof synthesize>>["json"]) {
  const definition = resource(json, "aws_ecs_task_definition", "compute_task_definition");
  return (JSON.parse(definition.container_definitions as string) as Array<Record<string, unknown>>)[0]!;
}

describe("compute capability", () => {
  it("sizes the task from the spec's cpu and memory", async () => {
    const { json } = await synthesize(computeSpec({ cpu: 1024, memory: 3072 }));
    const definition = resource(json, "aws_ecs_task_definition", "compute_task_definition");
    expect(definition).toMatchObject({ cpu: "1024", memory: "3072", requires_compatibilities: ["FARGATE"], network_mode: "awsvpc" });
  });

  it("runs instances.min tasks, in the private subnets of the ALB's zones, without public IPs", async () => {
    const { json } = await synthesize(computeSpec({ instances: { min: 3 } }));
    const service = resource(json, "aws_ecs_service", "compute_ecs_service");
    expect(service.desired_count).toBe(3);
    expect(service.network_configuration).toEqual({
      assign_public_ip: false,
      security_groups: ["${aws_security_group.compute_security_group.id}"],
      subnets: "${data.aws_subnets.target_subnets.ids}",
    });
  });

  it("rolls back failed deployments", async () => {
    const { json } = await synthesize(computeSpec({}));
    expect(resource(json, "aws_ecs_service", "compute_ecs_service").deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
  });

  it("exposes the spec's port in the container, and attaches the load balancer to the Access proxy sidecar, not the container", async () => {
    const { json } = await synthesize(computeSpec({ port: 9000 }));
    expect(containerOf(json).portMappings).toEqual([{ containerPort: 9000, protocol: "tcp" }]);
    expect(resource(json, "aws_ecs_service", "compute_ecs_service").load_balancer).toEqual([
      { container_name: "access-proxy", container_port: 10000, target_group_arn: "${aws_lb_target_group.networking_target_group.arn}" },
    ]);
  });

  it("takes the image tag from the image_tag variable", async () => {
    const { json } = await synthesize(computeSpec({}));
    expect(containerOf(json).image).toBe("${aws_ecr_repository.compute_ecr_repository.repository_url}:${var.image_tag}");
    expect(json.variable?.image_tag).toMatchObject({ type: "string", nullable: false });
  });

  it("passes declared secrets as SSM valueFrom references, never values", async () => {
    const { json } = await synthesize(computeSpec({}, { secrets: ["API_KEY", "DATABASE_URL"] }));
    expect(containerOf(json).secrets).toEqual([
      { name: "API_KEY", valueFrom: expect.stringMatching(/:parameter\/test-svc\/API_KEY$/) },
      { name: "DATABASE_URL", valueFrom: expect.stringMatching(/:parameter\/test-svc\/DATABASE_URL$/) },
    ]);
  });

  it("creates an immutable, scanned ECR repository named after the service", async () => {
    const { json } = await synthesize(computeSpec({}));
    expect(resource(json, "aws_ecr_repository", "compute_ecr_repository")).toMatchObject({
      name: "test-svc",
      image_tag_mutability: "IMMUTABLE",
      image_scanning_configuration: { scan_on_push: true },
    });
  });

  it("keeps logs for the configured retention", async () => {
    const { json } = await synthesize(computeSpec({}));
    expect(resource(json, "aws_cloudwatch_log_group", "compute_log_group")).toEqual({ name: "/ecs/test-svc", retention_in_days: 30 });
  });

  it("turns on Container Insights", async () => {
    const { json } = await synthesize(computeSpec({}));
    expect(resource(json, "aws_ecs_cluster", "compute_ecs_cluster").setting).toEqual([{ name: "containerInsights", value: "enabled" }]);
  });

  it("registers its outputs under the compute namespace", async () => {
    const { context } = await synthesize(computeSpec({}));
    expect(context.outputs.all().map((o) => o.key)).toEqual(
      expect.arrayContaining(["compute.ecr_repository_uri", "compute.cluster_name", "compute.service_name", "compute.service_url"]),
    );
  });

  it("publishes the ECS service in the context for later phases", async () => {
    const { context } = await synthesize(computeSpec({}));
    expect(context.require("compute.service").friendlyUniqueId).toBe("compute_ecs_service");
  });

  it("creates no resource of other capabilities", async () => {
    const { json } = await synthesize(computeSpec({}));
    expect(Object.keys(resourcesOf(json, "aws_efs_file_system"))).toEqual([]);
    expect(Object.keys(resourcesOf(json, "aws_db_instance"))).toEqual([]);
  });
});

describe("compute environment and command", () => {
  it("passes the spec's environment after the engine's variables, and the command verbatim", async () => {
    const { json } = await synthesize(computeSpec({ environment: { LOG_LEVEL: "debug", MODE: "api" }, command: ["node", "server.js", "--port", "80"] }));
    const container = containerOf(json);
    const environment = container.environment as Array<{ name: string; value: string }>;
    expect(environment.slice(-2)).toEqual([
      { name: "LOG_LEVEL", value: "debug" },
      { name: "MODE", value: "api" },
    ]);
    expect(environment.map((v) => v.name)).toContain("CF_ACCESS_AUD");
    expect(container.command).toEqual(["node", "server.js", "--port", "80"]);
  });

  it("leaves the image's CMD alone without a command", async () => {
    const { json } = await synthesize(computeSpec({}));
    expect(containerOf(json)).not.toHaveProperty("command");
  });

  it("refuses names Fargate sets, names the engine injects and names of secrets", () => {
    const { diagnostics } = load(
      computeSpec({ environment: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "x", CF_ACCESS_AUD: "y", API_TOKEN: "z" } }, { secrets: ["API_TOKEN"] }),
    );
    const errors = diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
    expect(errors).toEqual([
      expect.stringContaining('"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" is set by Fargate'),
      expect.stringContaining('"CF_ACCESS_AUD" is set by the engine'),
      expect.stringContaining('"API_TOKEN" is also declared in spec.secrets'),
    ]);
  });

  it("warns about a secret-looking name and points at spec.secrets", () => {
    const { diagnostics } = load(computeSpec({ environment: { DB_PASSWORD: "hunter2", LOG_LEVEL: "info" } }));
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const warnings = diagnostics.filter((d) => d.severity === "warning");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ message: expect.stringContaining('"DB_PASSWORD" looks like a secret'), hint: expect.stringContaining("spec.secrets") });
  });

  it("refuses environment variables above the size limit", () => {
    const big = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`BIG_${i}`, "x".repeat(4000)]));
    const { diagnostics } = load(computeSpec({ environment: big }));
    expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([expect.stringMatching(/total 2002\d bytes; the engine allows 16384/)]);
  });
});

describe("compute autoscaling", () => {
  const scaled = { instances: { min: 2, max: 10 }, scaling: { cpuPercent: 60, memoryPercent: 75, requestsPerTarget: 500 } };

  it("creates a scalable target between min and max and one stable-named policy per target", async () => {
    const { json } = await synthesize(computeSpec(scaled));
    expect(resource(json, "aws_appautoscaling_target", "compute_scaling_target")).toEqual({
      service_namespace: "ecs",
      scalable_dimension: "ecs:service:DesiredCount",
      resource_id: "service/${aws_ecs_cluster.compute_ecs_cluster.name}/${aws_ecs_service.compute_ecs_service.name}",
      min_capacity: 2,
      max_capacity: 10,
      // Deleting the service deletes its target and policies at AWS: a replaced service replaces them.
      lifecycle: { replace_triggered_by: ["aws_ecs_service.compute_ecs_service.id"] },
    });
    const policies = resourcesOf(json, "aws_appautoscaling_policy");
    for (const policy of Object.values(policies)) expect(policy.lifecycle).toEqual({ replace_triggered_by: ["aws_appautoscaling_target.compute_scaling_target.id"] });
    expect(Object.keys(policies).sort()).toEqual(["compute_scaling_cpu", "compute_scaling_memory", "networking_scaling_requests"]);
    expect(policies.compute_scaling_cpu).toMatchObject({
      name: "test-svc-cpu",
      policy_type: "TargetTrackingScaling",
      resource_id: "${aws_appautoscaling_target.compute_scaling_target.resource_id}",
      target_tracking_scaling_policy_configuration: {
        target_value: 60,
        scale_in_cooldown: 300,
        scale_out_cooldown: 60,
        predefined_metric_specification: { predefined_metric_type: "ECSServiceAverageCPUUtilization" },
      },
    });
    expect(policies.compute_scaling_memory).toMatchObject({ name: "test-svc-memory" });
    expect(policies.networking_scaling_requests).toMatchObject({
      name: "test-svc-requests",
      depends_on: ["aws_lb_listener_rule.networking_listener_rule"],
      target_tracking_scaling_policy_configuration: {
        target_value: 500,
        predefined_metric_specification: {
          predefined_metric_type: "ALBRequestCountPerTarget",
          resource_label: "${data.aws_lb.shared_alb.arn_suffix}/${aws_lb_target_group.networking_target_group.arn_suffix}",
        },
      },
    });
  });

  it("leaves the desired count to the scaler after creation, so a second plan does not reset it", async () => {
    const { json } = await synthesize(computeSpec(scaled));
    const service = resource(json, "aws_ecs_service", "compute_ecs_service");
    expect(service.desired_count).toBe(2);
    expect(service.lifecycle).toEqual({ ignore_changes: ["desired_count"] });
  });

  it("only sets the policies for the targets given, with the spec's cooldowns", async () => {
    const { json } = await synthesize(computeSpec({ instances: { max: 4 }, scaling: { cpuPercent: 50, scaleInCooldown: 600, scaleOutCooldown: 30 } }));
    const policies = resourcesOf(json, "aws_appautoscaling_policy");
    expect(Object.keys(policies)).toEqual(["compute_scaling_cpu"]);
    expect(policies.compute_scaling_cpu!.target_tracking_scaling_policy_configuration).toMatchObject({ scale_in_cooldown: 600, scale_out_cooldown: 30 });
  });

  it("creates no scaling and keeps Terraform owning the desired count without scaling", async () => {
    const { json } = await synthesize(computeSpec({ instances: { min: 2 } }));
    expect(resourcesOf(json, "aws_appautoscaling_target")).toEqual({});
    expect(resource(json, "aws_ecs_service", "compute_ecs_service")).not.toHaveProperty("lifecycle");
  });

  it.each([
    [{ instances: { min: 3, max: 2 } }, "spec.compute.instances.max", "max 2 is below min 3"],
    [{ instances: { max: 5 } }, "spec.compute.instances.max", "max 5 above min 1 needs a scaling target"],
    [{ instances: { max: 5 }, scaling: { scaleInCooldown: 60 } }, "spec.compute.scaling", "max 5 above min 1 needs a scaling target"],
    [{ scaling: { cpuPercent: 50 } }, "spec.compute.scaling", "scaling is set but instances.max is not"],
    [{ instances: { min: 2, max: 2 }, scaling: { cpuPercent: 50 } }, "spec.compute.scaling", "scaling is set but instances.max equals min (2)"],
  ])("refuses %j", (compute, path, message) => {
    const errors = load(computeSpec(compute)).diagnostics.filter((d) => d.severity === "error");
    expect(errors).toEqual([expect.objectContaining({ path, message: expect.stringContaining(message) })]);
  });
});

describe("compute health checks", () => {
  it("keeps today's target group probe without health settings: path and a 200 answer, AWS's timings", async () => {
    const { json } = await synthesize(computeSpec({}));
    expect(resource(json, "aws_lb_target_group", "networking_target_group").health_check).toEqual({ enabled: true, path: "/health", protocol: "HTTP", matcher: "200", port: "80" });
    expect(resource(json, "aws_ecs_service", "compute_ecs_service")).not.toHaveProperty("health_check_grace_period_seconds");
    expect(containerOf(json)).not.toHaveProperty("healthCheck");
  });

  it("sets the probe's timings, thresholds and codes, the grace period and the container check from the spec", async () => {
    const healthCheck = {
      path: "/ready",
      successCodes: "200-299",
      interval: 15,
      timeout: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 4,
      gracePeriod: 90,
      container: { command: "curl -f http://localhost/ready || exit 1", startPeriod: 20 },
    };
    const { json } = await synthesize(computeSpec({ healthCheck }));
    expect(resource(json, "aws_lb_target_group", "networking_target_group").health_check).toEqual({
      enabled: true,
      path: "/ready",
      protocol: "HTTP",
      matcher: "200-299",
      // Past the Access proxy: the container's own port (issue 15).
      port: "80",
      interval: 15,
      timeout: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 4,
    });
    expect(resource(json, "aws_ecs_service", "compute_ecs_service").health_check_grace_period_seconds).toBe(90);
    expect(containerOf(json).healthCheck).toEqual({ command: ["CMD-SHELL", "curl -f http://localhost/ready || exit 1"], interval: 30, timeout: 5, retries: 3, startPeriod: 20 });
  });

  it.each([
    [{ timeout: 30 }, "spec.compute.healthCheck.timeout", "timeout 30 s is not below its interval 30 s (interval is not set, so it is AWS's 30)"],
    [{ interval: 5 }, "spec.compute.healthCheck.interval", "timeout 6 s is not below its interval 5 s (timeout is not set, so it is AWS's 6)"],
    [{ successCodes: "200,500" }, "spec.compute.healthCheck.successCodes", '"500" is not a range of codes'],
    [{ successCodes: "299-200" }, "spec.compute.healthCheck.successCodes", '"299-200" is not a range of codes'],
  ])("refuses the probe %j", (healthCheck, path, message) => {
    const errors = load(computeSpec({ healthCheck })).diagnostics.filter((d) => d.severity === "error");
    expect(errors).toEqual([expect.objectContaining({ path, message: expect.stringContaining(message) })]);
  });
});

describe("compute cost and capacity levers", () => {
  it("runs x86_64 on the FARGATE launch type by default, with no capacity providers and no exec", async () => {
    const { json } = await synthesize(computeSpec({}));
    expect(resource(json, "aws_ecs_task_definition", "compute_task_definition").runtime_platform).toEqual({ operating_system_family: "LINUX", cpu_architecture: "X86_64" });
    const service = resource(json, "aws_ecs_service", "compute_ecs_service");
    expect(service.launch_type).toBe("FARGATE");
    expect(service).not.toHaveProperty("capacity_provider_strategy");
    expect(service).not.toHaveProperty("enable_execute_command");
    expect(resourcesOf(json, "aws_ecs_cluster_capacity_providers")).toEqual({});
    expect(resource(json, "aws_ecs_cluster", "compute_ecs_cluster")).not.toHaveProperty("configuration");
  });

  it("runs arm64 tasks on Graviton", async () => {
    const { json } = await synthesize(computeSpec({ architecture: "arm64" }));
    expect(resource(json, "aws_ecs_task_definition", "compute_task_definition").runtime_platform).toEqual({ operating_system_family: "LINUX", cpu_architecture: "ARM64" });
  });

  it("puts every task on Fargate Spot, with the cluster's capacity providers and a forced deployment for strategy updates", async () => {
    const { json } = await synthesize(computeSpec({ capacity: "spot" }));
    expect(resource(json, "aws_ecs_cluster_capacity_providers", "compute_capacity_providers")).toEqual({
      cluster_name: "${aws_ecs_cluster.compute_ecs_cluster.name}",
      capacity_providers: ["FARGATE", "FARGATE_SPOT"],
    });
    const service = resource(json, "aws_ecs_service", "compute_ecs_service");
    expect(service).not.toHaveProperty("launch_type");
    expect(service.capacity_provider_strategy).toEqual([{ capacity_provider: "FARGATE_SPOT", weight: 1 }]);
    expect(service.force_new_deployment).toBe(true);
    expect(service.depends_on).toContain("aws_ecs_cluster_capacity_providers.compute_capacity_providers");
  });

  it("mixed: the first instances.min tasks on demand, the rest on Spot", async () => {
    const { json } = await synthesize(computeSpec({ capacity: "mixed", instances: { min: 2, max: 6 }, scaling: { cpuPercent: 70 } }));
    expect(resource(json, "aws_ecs_service", "compute_ecs_service").capacity_provider_strategy).toEqual([
      { capacity_provider: "FARGATE", base: 2, weight: 0 },
      { capacity_provider: "FARGATE_SPOT", weight: 1 },
    ]);
  });

  // Review of issue 18: AWS's ECS API reference (CapacityProviderStrategyItem) now reads "FARGATE_SPOT
  // supports Linux tasks with the ARM64 architecture on platform version 1.4.0 or later"; the engine
  // refused the combination the issue asks for (Graviton on Spot).
  it.each(["spot", "mixed"])("runs arm64 tasks on Fargate Spot (capacity %s): no error, ARM64 task, a FARGATE_SPOT strategy", async (capacity) => {
    const spec = computeSpec({ capacity, architecture: "arm64", instances: { min: 1, max: 3 }, scaling: { cpuPercent: 60 } });
    expect(load(spec).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const { json } = await synthesize(spec);
    expect(resource(json, "aws_ecs_task_definition", "compute_task_definition").runtime_platform).toEqual({ operating_system_family: "LINUX", cpu_architecture: "ARM64" });
    const strategy = resource(json, "aws_ecs_service", "compute_ecs_service").capacity_provider_strategy as Array<{ capacity_provider: string }>;
    expect(strategy.map((s) => s.capacity_provider)).toContain("FARGATE_SPOT");
  });

  it("exec: enables ECS Exec, logs sessions to the service's log group, grants exactly the channel and log actions", async () => {
    const { json } = await synthesize(computeSpec({ exec: true }));
    expect(resource(json, "aws_ecs_service", "compute_ecs_service").enable_execute_command).toBe(true);
    expect(resource(json, "aws_ecs_cluster", "compute_ecs_cluster").configuration).toEqual({
      execute_command_configuration: { logging: "OVERRIDE", log_configuration: { cloud_watch_log_group_name: "${aws_cloudwatch_log_group.compute_log_group.name}" } },
    });
    const policies = Object.values(resourcesOf(json, "aws_iam_role_policy"));
    const taskPolicy = policies.find((p) => String(p.role).includes("foundation_compute_task_role") || String(p.name).endsWith("task"));
    expect(taskPolicy).toBeDefined();
    const statements = (JSON.parse(taskPolicy!.policy as string) as { Statement: Array<{ Sid: string; Action: string[] | string; Resource: string[] | string }> }).Statement;
    const exec = statements.filter((s) => s.Sid.startsWith("EcsExec"));
    expect(exec.map((s) => [s.Sid, [s.Action].flat().sort(), [s.Resource].flat()])).toEqual([
      ["EcsExecSessionChannelsHaveNoResourceScope", ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"], ["*"]],
      ["EcsExecFindLogGroupHasNoResourceScope", ["logs:DescribeLogGroups"], ["*"]],
      ["EcsExecWriteSessionLogs", ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], ["${aws_cloudwatch_log_group.compute_log_group.arn}:*"]],
    ]);
  });
});

describe("compute extra host names", () => {
  it("forwards, resolves and guards every host name of the service", async () => {
    const { json, context } = await synthesize(computeSpec({ hostnames: ["api", "my-shop"] }));
    const zone = "${data.cloudflare_zone.cloudflare_zone.name}";
    const rule = resource(json, "aws_lb_listener_rule", "networking_listener_rule");
    expect(rule.condition).toEqual([{ host_header: { values: [`test-svc.${zone}`, `api.${zone}`, `my-shop.${zone}`] } }]);
    expect(resource(json, "cloudflare_dns_record", "networking_dns_record_api")).toMatchObject({ name: `api.${zone}`, proxied: true, type: "CNAME" });
    expect(resource(json, "cloudflare_dns_record", "networking_dns_record_my_shop")).toMatchObject({ name: `my-shop.${zone}`, proxied: true });
    expect(resource(json, "cloudflare_zero_trust_access_application", "networking_access_application")).toMatchObject({
      domain: `test-svc.${zone}`,
      destinations: [
        { type: "public", uri: `test-svc.${zone}` },
        { type: "public", uri: `api.${zone}` },
        { type: "public", uri: `my-shop.${zone}` },
      ],
    });
    expect(context.outputs.all().map((o) => o.key)).toContain("compute.extra_urls");
  });

  it("keeps one host, one record and no destinations without hostnames", async () => {
    const { json } = await synthesize(computeSpec({}));
    expect(Object.keys(resourcesOf(json, "cloudflare_dns_record"))).toEqual(["networking_dns_record"]);
    expect(resource(json, "cloudflare_zero_trust_access_application", "networking_access_application")).not.toHaveProperty("destinations");
  });

  it.each([
    [["a", "b", "c", "d", "e"], "spec.compute.hostnames", "5 extra host names and the service's own make 6; a load balancer listener rule holds at most 5"],
    [["api", "api"], "spec.compute.hostnames[1]", '"api" is listed twice'],
    [["test-svc"], "spec.compute.hostnames[0]", "the service's own host name"],
    [["www.shop"], "spec.compute.hostnames[0]", "\"www.shop\" is not valid"],
  ])("refuses hostnames %j", (hostnames, path, message) => {
    const errors = load(computeSpec({ hostnames })).diagnostics.filter((d) => d.severity === "error");
    expect(errors).toEqual([expect.objectContaining({ path, message: expect.stringContaining(message) })]);
  });
});

describe("compute access", () => {
  it("public: proxied DNS records, no Access application, no CF_ACCESS_AUD, no audience output", async () => {
    const { json, context } = await synthesize(computeSpec({ access: "public", hostnames: ["hooks"] }));
    expect(resourcesOf(json, "cloudflare_zero_trust_access_application")).toEqual({});
    expect(Object.values(resourcesOf(json, "cloudflare_dns_record")).map((r) => r.proxied)).toEqual([true, true]);
    const names = (containerOf(json).environment as Array<{ name: string }>).map((v) => v.name);
    expect(names).not.toContain("CF_ACCESS_AUD");
    const outputs = context.outputs.all();
    expect(outputs.map((o) => o.key)).not.toContain("compute.access_application_aud");
    expect(outputs.find((o) => o.key === "compute.service_url")?.description).toContain("public, through Cloudflare without Access");
  });

  it("cloudflare-access (the default): the Access application and its audience in the container", async () => {
    const { json } = await synthesize(computeSpec({}));
    expect(Object.keys(resourcesOf(json, "cloudflare_zero_trust_access_application"))).toEqual(["networking_access_application"]);
    expect((containerOf(json).environment as Array<{ name: string }>).map((v) => v.name)).toContain("CF_ACCESS_AUD");
  });
});
