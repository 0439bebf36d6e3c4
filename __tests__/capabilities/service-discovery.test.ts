import { describe, expect, it } from "vitest";
import { checkPreconditions } from "../../src/engine/plan.js";
import { load, loadValid, resource, specYaml, synthesize, type TerraformJson } from "../helpers/spec.js";

const spec = (discovery: Record<string, unknown> = {}) => specYaml({ compute: {}, serviceDiscovery: { namespace: "agents.local", ...discovery } });
const containerOf = (json: TerraformJson) =>
  (JSON.parse(resource(json, "aws_ecs_task_definition", "compute_task_definition").container_definitions as string) as Array<Record<string, unknown>>)[0]!;

describe("serviceDiscovery capability", () => {
  it("creates the spec's private DNS namespace in the stack's VPC", async () => {
    const { json } = await synthesize(spec({ namespace: "orders.internal" }));
    expect(resource(json, "aws_service_discovery_private_dns_namespace", "service_discovery_namespace")).toMatchObject({
      name: "orders.internal",
      vpc: "${data.aws_lb.shared_alb.vpc_id}",
    });
  });

  it("creates a service named after the stack with multivalue A records, a 10 s TTL and ECS-reported health", async () => {
    const { json } = await synthesize(spec());
    expect(resource(json, "aws_service_discovery_service", "service_discovery_service")).toMatchObject({
      name: "test-svc",
      dns_config: {
        namespace_id: "${aws_service_discovery_private_dns_namespace.service_discovery_namespace.id}",
        routing_policy: "MULTIVALUE",
        dns_records: [{ type: "A", ttl: 10 }],
      },
      health_check_custom_config: { failure_threshold: 1 },
    });
  });

  it("takes the TTL from the spec", async () => {
    const { json } = await synthesize(spec({ ttl: 60 }));
    expect(resource(json, "aws_service_discovery_service", "service_discovery_service").dns_config).toMatchObject({ dns_records: [{ type: "A", ttl: 60 }] });
  });

  it("registers the ECS service's tasks in it", async () => {
    const { json } = await synthesize(spec());
    expect(resource(json, "aws_ecs_service", "compute_ecs_service").service_registries).toEqual({
      registry_arn: "${aws_service_discovery_service.service_discovery_service.arn}",
    });
  });

  it("leaves the ECS service unregistered without the section", async () => {
    const { json } = await synthesize(specYaml({ compute: {} }));
    expect(resource(json, "aws_ecs_service", "compute_ecs_service")).not.toHaveProperty("service_registries");
  });

  it("tells the container its discovery name", async () => {
    const { json } = await synthesize(spec());
    expect(containerOf(json).environment).toContainEqual({ name: "SERVICE_DISCOVERY_NAME", value: "test-svc.agents.local" });
  });

  it("exports the namespace id and the service's name", async () => {
    const { context, json } = await synthesize(spec());
    expect(context.outputs.all().map((o) => o.key)).toEqual(
      expect.arrayContaining(["serviceDiscovery.namespace_id", "serviceDiscovery.namespace_arn", "serviceDiscovery.service_arn", "serviceDiscovery.service_name"]),
    );
    expect(json.output?.service_discovery_namespace_id?.value).toBe("${aws_service_discovery_private_dns_namespace.service_discovery_namespace.id}");
    expect(json.output?.service_discovery_service_name?.value).toBe("test-svc.agents.local");
    expect(context.require("serviceDiscovery.registryArn")).toBeTruthy();
  });

  it("requires compute, pointing at the section", () => {
    const { config } = load(specYaml({ serviceDiscovery: { namespace: "agents.local" } }));
    const problems = checkPreconditions(config!);
    expect(problems).toEqual([expect.objectContaining({ severity: "error", path: "spec.serviceDiscovery", message: expect.stringMatching(/^requires spec\.compute: /) })]);
    expect(() => loadValid(spec())).not.toThrow();
  });
});
