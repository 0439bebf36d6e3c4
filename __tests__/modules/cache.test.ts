import { describe, expect, it } from "vitest";
import { Op } from "../../providers/cdktf.js";
import { elasticacheSubnetGroup } from "../../src/modules/cache/elasticache-subnet-group.js";
import { redisReplicationGroup, type RedisReplicationGroupArgs } from "../../src/modules/cache/redis-replication-group.js";
import { synthModule } from "../helpers/module.js";
import { resource } from "../helpers/spec.js";

const base: RedisReplicationGroupArgs = {
  replicationGroupId: "orders",
  description: "Redis of orders",
  engine: "redis",
  engineVersion: "7.1",
  nodeType: "cache.t3.micro",
  numNodes: 1,
  port: 6379,
  subnetGroupName: "orders",
  securityGroupIds: ["sg-1"],
  atRestEncryption: true,
  transitEncryption: true,
  transitEncryptionMode: "required",
  snapshotRetentionDays: 1,
};
const group = (over: Partial<RedisReplicationGroupArgs> = {}) =>
  resource(synthModule((scope) => redisReplicationGroup(scope, "rg", { ...base, ...over })), "aws_elasticache_replication_group", "rg");

describe("redisReplicationGroup module", () => {
  it("takes engine, version, node type, size and port from its arguments", () => {
    expect(group({ engineVersion: "6.2", nodeType: "cache.r7g.large", numNodes: 3 })).toMatchObject({
      engine: "redis",
      engine_version: "6.2",
      node_type: "cache.r7g.large",
      num_cache_clusters: 3,
      port: 6379,
      subnet_group_name: "orders",
      security_group_ids: ["sg-1"],
    });
  });

  it("runs a single node without failover or Multi-AZ", () => {
    expect(group({ numNodes: 1 })).toMatchObject({ automatic_failover_enabled: false, multi_az_enabled: false });
  });

  it("turns on automatic failover and Multi-AZ from two nodes", () => {
    expect(group({ numNodes: 2 })).toMatchObject({ automatic_failover_enabled: true, multi_az_enabled: true });
  });

  it("requires TLS when transit encryption is on", () => {
    expect(group()).toMatchObject({ transit_encryption_enabled: true, transit_encryption_mode: "required" });
  });

  it("sends no transit mode when transit encryption is off or no mode is given", () => {
    expect(group({ transitEncryption: false })).not.toHaveProperty("transit_encryption_mode");
    expect(group({ transitEncryption: false }).transit_encryption_enabled).toBe(false);
    const { transitEncryptionMode: _omitted, ...withoutMode } = base;
    expect(resource(synthModule((scope) => redisReplicationGroup(scope, "rg", withoutMode)), "aws_elasticache_replication_group", "rg")).not.toHaveProperty(
      "transit_encryption_mode",
    );
  });

  it("encrypts at rest as asked (the provider takes the flag as a string)", () => {
    expect(group().at_rest_encryption_enabled).toBe("true");
    expect(group({ atRestEncryption: false }).at_rest_encryption_enabled).toBe("false");
  });

  it("keeps snapshots for the given days, from 1 to 35", () => {
    expect(group({ snapshotRetentionDays: 1 }).snapshot_retention_limit).toBe(1);
    expect(group({ snapshotRetentionDays: 35 }).snapshot_retention_limit).toBe(35);
  });

  it("never sets an auth token", () => {
    expect(group()).not.toHaveProperty("auth_token");
  });
});

describe("elasticacheSubnetGroup module", () => {
  it("puts a plan-time check on the group only when one is given", () => {
    const plain = resource(
      synthModule((scope) => elasticacheSubnetGroup(scope, "sg", { name: "orders", description: "d", subnetIds: ["s-1"] })),
      "aws_elasticache_subnet_group",
      "sg",
    );
    expect(plain).toEqual({ name: "orders", description: "d", subnet_ids: ["s-1"] });
    const checked = resource(
      synthModule((scope) =>
        elasticacheSubnetGroup(scope, "sg", { name: "orders", description: "d", subnetIds: ["s-1"], checks: [{ condition: Op.gte(3, 2), errorMessage: "two zones" }] }),
      ),
      "aws_elasticache_subnet_group",
      "sg",
    );
    expect(checked.lifecycle).toEqual({ precondition: [{ condition: "${(3 >= 2)}", error_message: "two zones" }] });
  });
});
