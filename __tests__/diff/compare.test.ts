// Pairs of syntheses made by the real engine, compared as `platform diff` compares them.
import { beforeAll, describe, expect, it } from "vitest";
import type { BlockDiff, SynthesisDiff } from "../../src/diff/compare.js";
import { diffDirs, editedCopy, synthDir } from "./syntheses.js";

/** `address: path` of every attribute change, for exact assertions. */
const changedAttributes = (diff: SynthesisDiff) =>
  diff.stacks.flatMap((stack) => stack.blocks.flatMap((block) => block.changes.map((change) => `${stack.name} ${block.address}: ${change.path}`)));
const blocks = (diff: SynthesisDiff): BlockDiff[] => diff.stacks.flatMap((stack) => stack.blocks);

describe("platform diff on engine syntheses", () => {
  let base: string;
  beforeAll(async () => {
    base = await synthDir([{ name: "orders", spec: { compute: { port: 8080, instances: { min: 2 } } } }]);
  });

  it("finds no difference between two syntheses of the same spec", async () => {
    const head = await synthDir([{ name: "orders", spec: { compute: { port: 8080, instances: { min: 2 } } } }]);
    const diff = diffDirs(base, head);
    expect(diff.changed).toBe(false);
    expect(diff.stacks.map((stack) => stack.status)).toEqual(["unchanged"]);
  });

  it("names exactly the resource and attribute that one changed spec value touches, and nothing else", async () => {
    const head = await synthDir([{ name: "orders", spec: { compute: { port: 8080, instances: { min: 3 } } } }]);
    const diff = diffDirs(base, head);
    expect(changedAttributes(diff)).toEqual(["orders aws_ecs_service.compute_ecs_service: desired_count"]);
    expect(blocks(diff)[0]!.changes).toEqual([{ path: "desired_count", before: 2, after: 3 }]);
    expect(diff.warnings).toEqual([]);
  });

  it("follows a changed port into the container definitions, the load balancer wiring and the security group rule", async () => {
    const head = await synthDir([{ name: "orders", spec: { compute: { port: 9090, instances: { min: 2 } } } }]);
    expect(changedAttributes(diffDirs(base, head))).toEqual([
      // The ALB reaches the Access proxy on its own port; only the container and its health checks follow.
      'orders aws_ecs_task_definition.compute_task_definition: container_definitions[name="orders"].portMappings[0].containerPort',
      // The Access proxy's configuration (JSON inside the command) forwards to the new port.
      'orders aws_ecs_task_definition.compute_task_definition: container_definitions[name="access-proxy"].command[2].static_resources.clusters[name="service"].load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value',
      "orders aws_lb_target_group.networking_target_group: health_check.port",
      "orders aws_vpc_security_group_ingress_rule.compute_ingress_health_checks_from_alb: from_port",
      "orders aws_vpc_security_group_ingress_rule.compute_ingress_health_checks_from_alb: to_port",
    ]);
  });

  it("reports a resource the head adds as a create, with its body", () => {
    const older = editedCopy(base, "orders", (json) => delete json.resource.aws_ecr_lifecycle_policy);
    const added = blocks(diffDirs(older, base));
    expect(added.map((block) => `${block.action} ${block.address}`)).toEqual(["create aws_ecr_lifecycle_policy.compute_ecr_repository_lifecycle"]);
    expect(added[0]!.after).toMatchObject({ repository: "${aws_ecr_repository.compute_ecr_repository.name}" });
  });

  it("reports a resource the head drops as a destroy", () => {
    const head = editedCopy(base, "orders", (json) => delete json.resource.aws_ecr_lifecycle_policy);
    expect(blocks(diffDirs(base, head)).map((block) => `${block.action} ${block.address}`)).toEqual(["destroy aws_ecr_lifecycle_policy.compute_ecr_repository_lifecycle"]);
  });

  it("reports a stack added by a new spec, with its resource count and no stateful warning", async () => {
    const head = await synthDir([
      { name: "orders", spec: { compute: { port: 8080, instances: { min: 2 } } } },
      { name: "billing", spec: { compute: {} } },
    ]);
    const diff = diffDirs(base, head);
    expect(diff.stacks.map((stack) => `${stack.name} ${stack.status}`)).toEqual(["billing added", "orders unchanged"]);
    expect(diff.stacks[0]!.resourceCount).toBe(17);
    expect(diff.warnings).toEqual([]);
  });

  it("flags a removed stack's image repository, which destroying the stack would delete", async () => {
    const head = await synthDir([{ name: "billing", spec: { compute: {} } }]);
    const diff = diffDirs(base, head);
    expect(diff.stacks.map((stack) => `${stack.name} ${stack.status}`)).toEqual(["billing added", "orders removed"]);
    expect(diff.warnings).toMatchObject([{ stack: "orders", address: "aws_ecr_repository.compute_ecr_repository", action: "stack-removed" }]);
  });

  it("treats a changed logical id of a stateful resource as destroy + create, and says so", () => {
    const head = editedCopy(base, "orders", (json) => {
      const repositories = json.resource.aws_ecr_repository;
      repositories.compute_repository = repositories.compute_ecr_repository;
      delete repositories.compute_ecr_repository;
    });
    const diff = diffDirs(base, head);
    expect(blocks(diff).map((block) => `${block.action} ${block.address}`)).toEqual([
      "destroy aws_ecr_repository.compute_ecr_repository",
      "create aws_ecr_repository.compute_repository",
    ]);
    expect(diff.warnings).toHaveLength(1);
    expect(diff.warnings[0]).toMatchObject({ address: "aws_ecr_repository.compute_ecr_repository", kind: "container image repository", action: "destroy" });
    expect(diff.warnings[0]!.message).toContain("aws_ecr_repository.compute_repository of the same type is created");
  });

  it("treats a rename covered by a moved block as a move, not a destroy", () => {
    const head = editedCopy(base, "orders", (json) => {
      const repositories = json.resource.aws_ecr_repository;
      repositories.compute_repository = repositories.compute_ecr_repository;
      delete repositories.compute_ecr_repository;
      json.moved = [{ from: "aws_ecr_repository.compute_ecr_repository", to: "aws_ecr_repository.compute_repository" }];
    });
    const diff = diffDirs(base, head);
    expect(blocks(diff).filter((block) => block.category === "resource")).toMatchObject([
      { action: "move", address: "aws_ecr_repository.compute_repository", movedFrom: "aws_ecr_repository.compute_ecr_repository", changes: [] },
    ]);
    expect(diff.warnings).toEqual([]);
  });

  it("still flags a replacement when a moved block's resource also changes a forcing attribute", () => {
    const head = editedCopy(base, "orders", (json) => {
      const repositories = json.resource.aws_ecr_repository;
      repositories.compute_repository = { ...repositories.compute_ecr_repository, name: "orders-v2" };
      delete repositories.compute_ecr_repository;
      json.moved = [{ from: "aws_ecr_repository.compute_ecr_repository", to: "aws_ecr_repository.compute_repository" }];
    });
    const diff = diffDirs(base, head);
    expect(blocks(diff).filter((block) => block.category === "resource")).toMatchObject([
      { action: "replace", address: "aws_ecr_repository.compute_repository", movedFrom: "aws_ecr_repository.compute_ecr_repository" },
    ]);
    expect(diff.warnings).toMatchObject([{ action: "replace", attributes: ["name"] }]);
  });

  it("replaces the image repository when its name changes", () => {
    const head = editedCopy(base, "orders", (json) => (json.resource.aws_ecr_repository.compute_ecr_repository.name = "orders-v2"));
    const diff = diffDirs(base, head);
    expect(blocks(diff)).toMatchObject([{ address: "aws_ecr_repository.compute_ecr_repository", action: "replace", forcesReplacement: ["name"] }]);
    expect(diff.warnings).toMatchObject([{ action: "replace", attributes: ["name"] }]);
  });

  it("flags a changed state bucket as a state move", async () => {
    const head = await synthDir([{ name: "orders", spec: { compute: { port: 8080, instances: { min: 2 } } } }], { stateBucket: "other-state-bucket" });
    const diff = diffDirs(base, head);
    expect(changedAttributes(diff)).toEqual(["orders backend: s3.bucket"]);
    expect(diff.warnings).toMatchObject([{ stack: "orders", address: "backend", kind: "state", action: "state-moved", attributes: ["s3.bucket"] }]);
  });

  it("flags a changed state key (the stack's key edited) as a state move", () => {
    const head = editedCopy(base, "orders", (json) => (json.terraform.backend.s3.key = "platform/orders-v2/terraform.tfstate"));
    expect(diffDirs(base, head).warnings).toMatchObject([{ address: "backend", action: "state-moved", attributes: ["s3.key"] }]);
  });

  it("does not flag a backend setting that leaves the state where it is", () => {
    const head = editedCopy(base, "orders", (json) => (json.terraform.backend.s3.use_lockfile = false));
    const diff = diffDirs(base, head);
    expect(changedAttributes(diff)).toEqual(["orders backend: s3.use_lockfile"]);
    expect(diff.warnings).toEqual([]);
  });

  it("reports output, variable and provider changes", () => {
    const head = editedCopy(base, "orders", (json) => {
      json.output.compute_service_name.description = "changed";
      json.variable.image_tag.default = "latest";
      json.provider.aws[0].region = "eu-west-1";
    });
    expect(changedAttributes(diffDirs(base, head))).toEqual([
      "orders output.compute_service_name: description",
      "orders variable.image_tag: default",
      "orders provider.aws: region",
    ]);
  });
});
