// `cache`: one Redis replication group in the private subnets.
import { defineCapability } from "../shared/definition.js";
import { checkCache } from "./check.js";
import { CACHE_RULES } from "./policy.js";
import { REDIS_PORT } from "../shared/ports.js";
import { PROVIDER_DOCS, PROVIDER_SOURCE } from "../shared/stateful.js";

declare module "../shared/environment.js" {
  interface InjectedVariables {
    REDIS_HOST: true;
    REDIS_PORT: true;
    REDIS_TLS: true;
  }
}
declare module "../shared/names.js" {
  interface NameLimits {
    elasticacheReplicationGroup: true;
    elasticacheSubnetGroup: true;
  }
}

export const cache = defineCapability({
  section: "cache",
  phase: "infrastructure",
  summary: "ElastiCache subnet group and Redis replication group (TLS, encrypted at rest)",
  check: ({ config, error }) => checkCache(config, error),
  reachedBy: ["compute", "lambda"],
  securityGroups: () => [{ role: "cache", client: false, ingress: { port: REDIS_PORT, from: "stack-clients", what: "Redis" } }],
  environment: {
    REDIS_HOST: { capability: "cache", description: "Primary endpoint of the Redis replication group (reads and writes).", audience: "workloads" },
    REDIS_PORT: { capability: "cache", description: "Port of the Redis replication group.", audience: "workloads" },
    REDIS_TLS: {
      capability: "cache",
      description: "`true` when Redis accepts TLS connections only (spec.cache.transitEncryption): connect with rediss:// or the client's TLS option.",
      audience: "workloads",
    },
  },
  claims: (_cache, claims) => {
    claims.fromService("ElastiCache replication group", claims.name("elasticacheReplicationGroup"));
    claims.fromService("ElastiCache subnet group", claims.name("elasticacheSubnetGroup"));
  },
  nameLimits: { elasticacheReplicationGroup: 40, elasticacheSubnetGroup: 255 },
  statefulTypes: {
    aws_elasticache_replication_group: {
      kind: "cache",
      loses: "its cached data and sessions",
      mayReplace: [
        { path: "engine", when: "the engine is downgraded (valkey to redis)" }, // CustomizeDiff customizeDiffEngineForceNewOnDowngrade
        { path: "engine_version", when: "the version is lowered" }, // CustomizeDiff customizeDiffEngineVersionForceNewOnDowngrade
        { path: "node_group_configuration", when: "the shard layout changes" }, // CustomizeDiff ForceNewIf
        { path: "transit_encryption_enabled", when: "engine_version is below 7.0.5" }, // docs: "will force a replacement"
      ],
      sources: [`${PROVIDER_DOCS}/elasticache_replication_group.html.markdown`, `${PROVIDER_SOURCE}/elasticache/replication_group.go`],
    },
  },
  policyRules: CACHE_RULES,
  optOuts: [
    { field: "cache.atRestEncryption: false", secureDefault: "true", rules: ["PLT-ENC-003"], on: "the replication group" },
    { field: "cache.transitEncryption: false", secureDefault: "true", rules: ["PLT-ENC-004"], on: "the replication group" },
  ],
  starter: () => ["  # A Redis replication group reachable from compute and the functions.", "  cache:", "    engine: redis", "    nodeType: cache.t3.micro"],
  load: () => import("./provision.js"),
});
