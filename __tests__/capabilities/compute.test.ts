import { describe, expect, it } from "vitest";
import { resource, resourcesOf, specYaml, synthesize } from "../helpers/spec.js";

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

  it("runs instances.min tasks, in private subnets, without public IPs", async () => {
    const { json } = await synthesize(computeSpec({ instances: { min: 3 } }));
    const service = resource(json, "aws_ecs_service", "compute_ecs_service");
    expect(service.desired_count).toBe(3);
    expect(service.network_configuration).toEqual({
      assign_public_ip: false,
      security_groups: ["${aws_security_group.compute_security_group.id}"],
      subnets: "${data.aws_subnets.private_subnets.ids}",
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
