import { describe, expect, it } from "vitest";
import { resource, resourcesOf, specYaml, synthesize, type TerraformJson } from "../helpers/spec.js";

const cache = (over: Record<string, unknown> = {}) => ({ engine: "redis", nodeType: "cache.t3.micro", ...over });
const group = (json: TerraformJson) => resource(json, "aws_elasticache_replication_group", "cache_replication_group");
const containerOf = (json: TerraformJson) =>
  (JSON.parse(resource(json, "aws_ecs_task_definition", "compute_task_definition").container_definitions as string) as Array<Record<string, unknown>>)[0]!;

describe("cache capability", () => {
  it("builds a secure single-node Redis from the defaults", async () => {
    const { json } = await synthesize(specYaml({ cache: cache() }));
    expect(group(json)).toMatchObject({
      replication_group_id: "test-svc",
      engine: "redis",
      engine_version: "7.1",
      node_type: "cache.t3.micro",
      num_cache_clusters: 1,
      port: 6379,
      transit_encryption_enabled: true,
      transit_encryption_mode: "required",
      at_rest_encryption_enabled: "true",
      automatic_failover_enabled: false,
      multi_az_enabled: false,
      snapshot_retention_limit: 1,
      subnet_group_name: "${aws_elasticache_subnet_group.cache_subnet_group.name}",
      security_group_ids: ["${aws_security_group.cache_security_group.id}"],
    });
  });

  it("takes every field from the spec", async () => {
    const { json } = await synthesize(
      specYaml({ cache: cache({ engineVersion: "7.0", nodeType: "cache.r7g.large", numNodes: 3, atRestEncryption: false, transitEncryption: false, snapshotRetentionDays: 35 }) }),
    );
    expect(group(json)).toMatchObject({
      engine_version: "7.0",
      node_type: "cache.r7g.large",
      num_cache_clusters: 3,
      at_rest_encryption_enabled: "false",
      transit_encryption_enabled: false,
      snapshot_retention_limit: 35,
    });
    expect(group(json)).not.toHaveProperty("transit_encryption_mode");
  });

  it("fails over automatically across zones from two nodes, and checks at plan time that two zones exist", async () => {
    const { json } = await synthesize(specYaml({ cache: cache({ numNodes: 2 }) }));
    expect(group(json)).toMatchObject({ automatic_failover_enabled: true, multi_az_enabled: true });
    const check = (resource(json, "aws_elasticache_subnet_group", "cache_subnet_group").lifecycle as { precondition: Array<Record<string, string>> }).precondition[0]!;
    expect(check.condition).toMatch(/^\$\{\(length\(.*data\.aws_subnet\.private_subnet.*\) >= 2\)\}$/);
    expect(check.error_message).toMatch(/at least 2 Availability Zones/);
  });

  it("needs no second zone for a single node", async () => {
    const { json } = await synthesize(specYaml({ cache: cache() }));
    expect(resource(json, "aws_elasticache_subnet_group", "cache_subnet_group")).not.toHaveProperty("lifecycle");
  });

  it("leaves out transit_encryption_mode for Redis 6.2, which rejects it (its TLS groups are TLS-only anyway)", async () => {
    const { json } = await synthesize(specYaml({ cache: cache({ engineVersion: "6.2" }) }));
    expect(group(json)).toMatchObject({ engine_version: "6.2", transit_encryption_enabled: true });
    expect(group(json)).not.toHaveProperty("transit_encryption_mode");
  });

  it("puts the subnet group in the private subnets", async () => {
    const { json } = await synthesize(specYaml({ cache: cache() }));
    expect(resource(json, "aws_elasticache_subnet_group", "cache_subnet_group")).toMatchObject({ name: "test-svc", subnet_ids: "${data.aws_subnets.private_subnets.ids}" });
  });

  it("never puts an auth token in the configuration", async () => {
    const { json } = await synthesize(specYaml({ cache: cache() }));
    expect(group(json)).not.toHaveProperty("auth_token");
    expect(resourcesOf(json, "aws_elasticache_user")).toEqual({});
  });

  it("gives the containers the endpoint, port and TLS flag", async () => {
    const { json } = await synthesize(specYaml({ compute: {}, cache: cache({ transitEncryption: false }) }));
    expect(containerOf(json).environment).toEqual(
      expect.arrayContaining([
        { name: "REDIS_HOST", value: "${aws_elasticache_replication_group.cache_replication_group.primary_endpoint_address}" },
        { name: "REDIS_PORT", value: "6379" },
        { name: "REDIS_TLS", value: "false" },
      ]),
    );
  });

  it("admits Redis only from the compute group and lets compute reach it", async () => {
    const { json } = await synthesize(specYaml({ compute: {}, cache: cache() }));
    expect(resource(json, "aws_vpc_security_group_ingress_rule", "cache_ingress_from_compute")).toMatchObject({
      security_group_id: "${aws_security_group.cache_security_group.id}",
      referenced_security_group_id: "${aws_security_group.compute_security_group.id}",
      from_port: 6379,
      to_port: 6379,
      description: "Redis from the ECS tasks",
    });
    expect(resource(json, "aws_vpc_security_group_egress_rule", "compute_egress_to_cache")).toMatchObject({ from_port: 6379, to_port: 6379 });
  });

  it("exports the endpoints and port, and publishes the group in the context", async () => {
    const { context, json } = await synthesize(specYaml({ cache: cache() }));
    expect(context.outputs.all().map((o) => o.key)).toEqual(["cache.redis.endpoint", "cache.redis.reader_endpoint", "cache.redis.port", "cache.redis.replication_group_id"]);
    expect(json.output?.cache_redis_endpoint?.value).toBe("${aws_elasticache_replication_group.cache_replication_group.primary_endpoint_address}");
    expect(json.output?.cache_redis_port?.value).toBe("6379");
    expect(context.require("cache.replicationGroup").friendlyUniqueId).toBe("cache_replication_group");
  });
});
