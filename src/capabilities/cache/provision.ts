// `cache`: one Redis replication group in the private subnets, reachable only from the stack's
// client security groups, encrypted per the spec (TLS-only and at rest by default).
//
// Redis AUTH is deliberately not configured: an `auth_token` would sit in Terraform state in plain
// text. Access is limited by the security group (the stack's compute and lambda groups only, on the
// Redis port) and, by default, TLS; this exception is documented in docs/design-decisions.md.
import type { ElasticacheReplicationGroup } from "../../../providers/aws/elasticache-replication-group.js";
import { Op } from "../../../providers/cdktf.js";
import type { CacheConfig } from "../../../schema/cache.js";
import type { CapabilityContext } from "../shared/context.js";
import { declareException } from "../../policy/exceptions.js";
import { ruleIn } from "../../policy/registry.js";
import { CACHE_RULES } from "./policy.js";
import { REDIS_PORT } from "../shared/ports.js";
import { elasticacheSubnetGroup } from "../../modules/cache/elasticache-subnet-group.js";
import { redisReplicationGroup } from "../../modules/cache/redis-replication-group.js";

declare module "../shared/context.js" {
  interface ContextValues {
    "cache.replicationGroup": ElasticacheReplicationGroup;
  }
}

/**
 * Replication groups accept `transit_encryption_mode` from Redis 7.0.5; a `7.x` spec version gets the
 * newest patch release of that minor, which is later.
 */
const TRANSIT_MODE_MIN_MAJOR = 7;
/** Multi-AZ with automatic failover places the primary and its replicas in different zones. */
const MULTI_AZ_MIN_ZONES = 2;

export function provision(cache: CacheConfig, ctx: CapabilityContext): void {
  const { scope, infra, serviceName, workload } = ctx;
  const groups = ctx.require("foundation.securityGroups");
  const replicated = cache.numNodes > 1;

  const subnetGroup = elasticacheSubnetGroup(scope, "cache_subnet_group", {
    name: ctx.name("elasticacheSubnetGroup"),
    description: `Private subnets of ${serviceName}'s Redis`,
    subnetIds: infra.privateSubnetIds,
    checks: replicated
      ? [
          {
            condition: Op.gte(infra.privateAzCount, MULTI_AZ_MIN_ZONES),
            errorMessage: `spec.cache.numNodes is ${cache.numNodes}: Multi-AZ Redis needs private subnets in at least ${MULTI_AZ_MIN_ZONES} Availability Zones.`,
          },
        ]
      : [],
  });
  const major = Number(cache.engineVersion.split(".")[0]);
  const group = redisReplicationGroup(scope, "cache_replication_group", {
    replicationGroupId: ctx.name("elasticacheReplicationGroup"),
    description: `Redis of ${serviceName}`,
    engine: cache.engine,
    engineVersion: cache.engineVersion,
    nodeType: cache.nodeType,
    numNodes: cache.numNodes,
    port: REDIS_PORT,
    subnetGroupName: subnetGroup.name,
    securityGroupIds: [groups.get("cache").id],
    atRestEncryption: cache.atRestEncryption,
    transitEncryption: cache.transitEncryption,
    ...(major >= TRANSIT_MODE_MIN_MAJOR ? { transitEncryptionMode: "required" as const } : {}),
    snapshotRetentionDays: cache.snapshotRetentionDays,
  });
  if (!cache.atRestEncryption) declareException(group, ruleIn(CACHE_RULES, "PLT-ENC-003"), "spec.cache.atRestEncryption is false");
  if (!cache.transitEncryption) declareException(group, ruleIn(CACHE_RULES, "PLT-ENC-004"), "spec.cache.transitEncryption is false");

  const port = String(REDIS_PORT);
  workload.setEnvironment("REDIS_HOST", group.primaryEndpointAddress);
  workload.setEnvironment("REDIS_PORT", port);
  workload.setEnvironment("REDIS_TLS", String(cache.transitEncryption));

  ctx.set("cache.replicationGroup", group);
  ctx.export("cache.redis.endpoint", group.primaryEndpointAddress, "Primary endpoint of the Redis replication group (reads and writes).");
  ctx.export("cache.redis.reader_endpoint", group.readerEndpointAddress, "Reader endpoint of the Redis replication group (spreads reads over the replicas).");
  ctx.export("cache.redis.port", port, "Port of the Redis replication group.");
  ctx.export("cache.redis.replication_group_id", group.id, "Id of the Redis replication group.");
}
