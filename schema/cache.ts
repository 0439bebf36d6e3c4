// `spec.cache`: one ElastiCache Redis replication group.
import Type, { type Static } from "typebox";
import { strict, type Resolved } from "./shared.js";

export const Cache = Type.Object(
  {
    engine: Type.Enum(["redis"], { default: "redis", description: "Cache engine. Only `redis` exists in v1 (required all the same, so a spec states it)." }),
    engineVersion: Type.Optional(
      Type.String({
        pattern: "^[0-9]+\\.[0-9]+$",
        default: "7.1",
        description: "Redis OSS engine version as a quoted major.minor string: \"7.1\", \"7.0\" or \"6.2\". ElastiCache applies patch versions itself.",
      }),
    ),
    nodeType: Type.String({
      pattern: "^cache\\.[a-z0-9]+\\.[a-z0-9]+$",
      description: "ElastiCache node type, e.g. cache.t3.micro.",
    }),
    numNodes: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 6,
        default: 1,
        description: "Nodes in the replication group (one primary plus replicas). More than one enables automatic failover and Multi-AZ.",
      }),
    ),
    transitEncryption: Type.Optional(
      Type.Boolean({ default: true, description: "Require TLS for every connection (transit encryption mode `required`)." }),
    ),
    atRestEncryption: Type.Optional(Type.Boolean({ default: true, description: "Encrypt data at rest (AWS-managed key)." })),
    snapshotRetentionDays: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 35,
        default: 1,
        description: "Days automatic daily snapshots are kept. 0 turns snapshots off (a pure cache that can be rebuilt).",
      }),
    ),
  },
  { ...strict, description: "ElastiCache Redis replication group reachable from compute and lambda." },
);
export type Cache = Static<typeof Cache>;

/** `spec.cache` with every default applied. */
export type CacheConfig = Resolved<Cache>;

declare module "./index.js" {
  interface SectionConfigs {
    cache: CacheConfig;
  }
}
