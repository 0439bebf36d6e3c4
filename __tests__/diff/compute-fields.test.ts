// Issue 18: the compute fields (environment, command, access, hostnames, scaling, capacity,
// architecture, health) read well in `platform diff`: syntheses by the real engine, compared and
// rendered as a reviewer reads them.
import { describe, expect, it } from "vitest";
import { displayedAt, formatValue } from "../../src/diff/format.js";
import { keyValues, securityValues } from "../../src/lifecycle/resource-facts.js";
import { renderJson } from "../../src/diff/render-json.js";
import { renderMarkdown } from "../../src/diff/render-markdown.js";
import { renderText } from "../../src/diff/render-text.js";
import { forcesReplacement } from "../../src/diff/replacement.js";
import { diffDirs, synthDir } from "./syntheses.js";

/** The public, autoscaled API of fixtures/platform-api-autoscaled.yaml (container part), with changes. */
const api = (changes: Record<string, unknown> = {}) => ({
  name: "orders-api",
  spec: {
    compute: {
      port: 8080,
      cpu: 512,
      memory: 1024,
      architecture: "arm64",
      access: "public",
      hostnames: ["orders", "orders-v2"],
      environment: { LOG_LEVEL: "info" },
      command: ["node", "dist/server.js"],
      instances: { min: 2, max: 10 },
      scaling: { cpuPercent: 60, requestsPerTarget: 1000 },
      healthCheck: { path: "/healthz" },
      ...changes,
    },
  },
});

const lines = (text: string) => text.split("\n").map((line) => line.trimEnd());

describe("compute fields in platform diff (real syntheses)", () => {
  it("names created and removed scaling policies by metric and target, and a changed target by its value", async () => {
    const base = await synthDir([api()]);
    const head = await synthDir([api({ scaling: { cpuPercent: 45, memoryPercent: 75 }, instances: { min: 2, max: 20 } })]);
    const text = lines(renderText(diffDirs(base, head)));
    expect(text).toContain(
      "  + aws_appautoscaling_policy.compute_scaling_memory  name=orders-api-memory  metric=ECSServiceAverageMemoryUtilization  target_value=75  scale_in_cooldown=300  scale_out_cooldown=60",
    );
    expect(text).toContain(
      "  - aws_appautoscaling_policy.networking_scaling_requests  name=orders-api-requests  metric=ALBRequestCountPerTarget  target_value=1000  scale_in_cooldown=300  scale_out_cooldown=60",
    );
    const target = text.indexOf("  ~ aws_appautoscaling_target.compute_scaling_target");
    expect(text.slice(target + 1, target + 3)).toEqual(["  -     max_capacity = 10", "  +     max_capacity = 20"]);
    const cpu = text.indexOf("  ~ aws_appautoscaling_policy.compute_scaling_cpu");
    expect(text.slice(cpu + 1, cpu + 3)).toEqual(["  -     target_tracking_scaling_policy_configuration.target_value = 60", "  +     target_tracking_scaling_policy_configuration.target_value = 45"]);
  });

  it("marks a changed desired count of an autoscaled service as not applied (lifecycle.ignore_changes), and only there", async () => {
    const scaled = diffDirs(await synthDir([api()]), await synthDir([api({ instances: { min: 3, max: 10 } })]));
    const text = lines(renderText(scaled));
    expect(text).toContain("  ~ aws_ecs_service.compute_ecs_service (no update: every change is under lifecycle.ignore_changes)");
    expect(text).toContain("  +     desired_count = 3   (not applied: lifecycle.ignore_changes; set at creation only)");
    // The scaler's floor does change.
    expect(text).toContain("  +     min_capacity = 3");
    const service = JSON.parse(renderJson(scaled)).stacks[0].blocks.find((block: { address: string }) => block.address === "aws_ecs_service.compute_ecs_service");
    expect(service).toMatchObject({ action: "change", ignoredChanges: ["desired_count"], changes: [{ path: "desired_count", before: 2, after: 3 }] });

    // Without scaling the count is Terraform's: an ordinary change, no note.
    const fixed = (min: number) => ({ name: "orders-api", spec: { compute: { port: 8080, instances: { min } } } });
    const plain = lines(renderText(diffDirs(await synthDir([fixed(2)]), await synthDir([fixed(3)]))));
    expect(plain).toContain("  ~ aws_ecs_service.compute_ecs_service");
    expect(plain).toContain("  +     desired_count = 3");
  });

  it("shows environment and command changes inside the container definitions, by variable name and value", async () => {
    const base = await synthDir([api()]);
    const head = await synthDir([api({ environment: { LOG_LEVEL: "debug", FEATURE_X: "on" }, command: ["node", "dist/server.js", "--cluster"] })]);
    const text = lines(renderText(diffDirs(base, head)));
    expect(text).toContain("  -/+ aws_ecs_task_definition.compute_task_definition (replaced because of container_definitions (3 changes))");
    expect(text).toContain('  -     container_definitions[name="orders-api"].environment[name="LOG_LEVEL"].value = "info"');
    expect(text).toContain('  +     container_definitions[name="orders-api"].environment[name="LOG_LEVEL"].value = "debug"');
    // An added variable reads as its value, not as the {"name", "value"} element.
    expect(text).toContain('  +     container_definitions[name="orders-api"].environment[name="FEATURE_X"].value = "on"');
    expect(text).toContain('  +     container_definitions[name="orders-api"].command[2] = "--cluster"');
    expect(text.join("\n")).not.toContain('{"name":"FEATURE_X"');
  });

  it("reads a switch to public access: the Access proxy container is outlined, not dumped; hosts, capacity and architecture by attribute", async () => {
    const privateService = { name: "orders-api", spec: { compute: { port: 8080, instances: { min: 2 }, healthCheck: { path: "/healthz" } } } };
    const publicService = {
      name: "orders-api",
      spec: { compute: { port: 8080, access: "public", hostnames: ["api"], capacity: "mixed", instances: { min: 2, max: 4 }, scaling: { cpuPercent: 50 }, healthCheck: { path: "/healthz" } } },
    };
    const diff = diffDirs(await synthDir([privateService]), await synthDir([publicService]));
    const text = lines(renderText(diff));
    const proxy = text.find((line) => line.startsWith('  -     container_definitions[name="access-proxy"] = '));
    expect(proxy).toMatch(/^ {2}- {5}container_definitions\[name="access-proxy"\] = \{image: "envoyproxy\/envoy:[^"]+", essential: true, command: \[\d+ items\], .*\} \(\d+ chars\)$/);
    expect(proxy).not.toContain("static_resources");
    expect(text).toContain("  + aws_ecs_cluster_capacity_providers.compute_capacity_providers  capacity_providers=FARGATE,FARGATE_SPOT");
    expect(text).toContain('  +     capacity_provider_strategy = [{"base":2,"capacity_provider":"FARGATE","weight":0},{"capacity_provider":"FARGATE_SPOT","weight":1}]');
    expect(text).toContain("  + cloudflare_dns_record.networking_dns_record_api  name=api.<zone>  type=CNAME  proxied=true");
    expect(text).toContain("  - cloudflare_zero_trust_access_application.networking_access_application  name=orders-api  type=self_hosted  domain=orders-api.<zone>");
    expect(text).toContain('  +     condition[0].host_header.values[1] = "api.${data.cloudflare_zone.cloudflare_zone.name}"');
    // The same lines in the pull-request comment.
    expect(renderMarkdown(diff)).toContain("+ aws_appautoscaling_target.compute_scaling_target  min_capacity=2  max_capacity=4\n");

    const arm = diffDirs(await synthDir([api()]), await synthDir([api({ architecture: "x86_64" })]));
    const armText = lines(renderText(arm));
    expect(armText).toContain("  -/+ aws_ecs_task_definition.compute_task_definition (replaced because of runtime_platform.cpu_architecture)");
    expect(armText).toContain('  +     runtime_platform.cpu_architecture = "X86_64"');
  });

  it("does not call a switch to Spot a replacement: launch_type is Optional + Computed, so removing it keeps the service", async () => {
    const diff = diffDirs(await synthDir([api()]), await synthDir([api({ capacity: "spot" })]));
    const service = diff.stacks.flatMap((stack) => stack.blocks).find((block) => block.address === "aws_ecs_service.compute_ecs_service")!;
    expect(service.action).toBe("change");
    expect(service.forcesReplacement).toEqual([]);
    expect(service.changes.map((change) => change.path)).toEqual(expect.arrayContaining(["launch_type"]));
    expect(renderText(diff)).not.toContain("replaced because of launch_type");
    // Setting a different launch type still replaces (the provider's ForceNew).
    expect(forcesReplacement("aws_ecs_service", "launch_type", "EC2")).toEqual({ path: "launch_type" });
  });

  it("names the services whose actions a created policy allows (ECS Exec)", async () => {
    const diff = diffDirs(await synthDir([api()]), await synthDir([api({ exec: true })]));
    const text = lines(renderText(diff));
    expect(text).toContain("  ~ aws_ecs_cluster.compute_ecs_cluster");
    expect(text).toContain("  +     enable_execute_command = true");
    // The permissions Exec adds, by service.
    expect(text).toContain("  + aws_iam_role_policy.compute_task_policy  name=task  actions=ssmmessages (4), logs (4)");
  });
});

describe("value display in diff reports", () => {
  it("shows an added element of a named list by what its path does not already say", () => {
    expect(displayedAt('environment[name="LOG_LEVEL"]', { name: "LOG_LEVEL", value: "debug" })).toEqual(['environment[name="LOG_LEVEL"].value', "debug"]);
    expect(displayedAt('secrets[name="DB"]', { name: "DB", valueFrom: "arn:aws:ssm:x" })).toEqual(['secrets[name="DB"].valueFrom', "arn:aws:ssm:x"]);
    expect(displayedAt('volume[name="data"]', { name: "data", host_path: "/a", efs: { id: "x" } })).toEqual(['volume[name="data"]', { host_path: "/a", efs: { id: "x" } }]);
    // Not a named element, or another name: as it is.
    expect(displayedAt("setting[0]", { name: "containerInsights", value: "enabled" })).toEqual(["setting[0]", { name: "containerInsights", value: "enabled" }]);
    expect(displayedAt('environment[name="A"]', { name: "B", value: "x" })).toEqual(['environment[name="A"]', { name: "B", value: "x" }]);
  });

  it("outlines a long block by its keys and keeps short values whole", () => {
    expect(formatValue({ a: 1, b: "x" })).toBe('{"a":1,"b":"x"}');
    const long = { image: "envoy:1", command: ["envoy", "--config-yaml", "x".repeat(400)], essential: true, log: { driver: "awslogs", options: {} } };
    expect(formatValue(long)).toBe(`{image: "envoy:1", command: [3 items], essential: true, log: {2 keys}} (${JSON.stringify(long).length} chars)`);
    expect(formatValue("y".repeat(400))).toBe(`"${"y".repeat(299)}… (402 chars)`);
  });

  it("reads facts out of hand-written or odd bodies without failing, keeping what it can", () => {
    const odd: Array<[string, Record<string, unknown>]> = [
      ["aws_ecs_task_definition", { container_definitions: '{"not":"a list"}', runtime_platform: "x" }],
      ["aws_ecs_task_definition", { container_definitions: '[null, {"name": 3}]' }],
      ["aws_ecs_task_definition", { container_definitions: '[{"image": "a:1", "environment": {"A": 1}}]' }],
      ["aws_ecs_service", { capacity_provider_strategy: [null, 3, { capacity_provider: "FARGATE" }], lifecycle: { ignore_changes: "all" } }],
      ["aws_appautoscaling_policy", { target_tracking_scaling_policy_configuration: [[]] }],
      ["aws_iam_role_policy", { policy: '{"Statement": {"Effect": "Allow", "Action": ["s3:GetObject", 7]}}' }],
      ["aws_iam_role_policy", { policy: "not json" }],
      ["aws_lb_listener_rule", { condition: { host_header: [{ values: ["a.example.com"] }] } }],
      ["aws_lb_target_group", { health_check: [{ path: "/h", port: 9000, interval: "x" }] }],
    ];
    const facts = odd.map(([type, body]) => keyValues(type, body));
    expect(facts[2]).toEqual([["image", "a:1"]]);
    expect(facts[3]).toEqual([["capacity_provider_strategy", "FARGATE"]]);
    expect(facts[5]).toEqual([["actions", "s3 (1)"]]);
    expect(facts[6]).toEqual([]);
    expect(facts[7]).toEqual([["host", "a.example.com"]]);
    expect(facts[8]).toEqual([["health_check", "/h (port 9000)"]]);
    for (const [type, body] of odd) expect(() => securityValues(type, body)).not.toThrow();
    // `ignore_changes = all`: every attribute is set at creation only.
    expect(keyValues("aws_ecs_service", { desired_count: 2, lifecycle: { ignore_changes: "all" } })).toEqual([["desired_count", "2 (at creation only: lifecycle.ignore_changes)"]]);
  });
});
