// A Redis replication group (cluster mode disabled): one primary plus replicas, in the given subnet
// group and security groups.
import { ElasticacheReplicationGroup } from "../../../providers/aws/elasticache-replication-group.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface RedisReplicationGroupArgs {
  /** At most 40 characters, lowercase, starting with a letter, no `--`. */
  replicationGroupId: string;
  description: string;
  engine: "redis";
  engineVersion: string;
  nodeType: string;
  /** Primary plus replicas; more than one turns on automatic failover and Multi-AZ. */
  numNodes: number;
  port: number;
  subnetGroupName: string;
  securityGroupIds: string[];
  atRestEncryption: boolean;
  transitEncryption: boolean;
  /**
   * `required` refuses plaintext connections. Only Redis 7.0.5 and later accept the parameter; older
   * engines created with transit encryption behave as `required` and reject it, so leave it unset there.
   */
  transitEncryptionMode?: "required";
  snapshotRetentionDays: number;
}

export function redisReplicationGroup(scope: TerraformStack, id: string, args: RedisReplicationGroupArgs): ElasticacheReplicationGroup {
  const replicated = args.numNodes > 1;
  return new ElasticacheReplicationGroup(scope, id, {
    replicationGroupId: args.replicationGroupId,
    description: args.description,
    engine: args.engine,
    engineVersion: args.engineVersion,
    nodeType: args.nodeType,
    numCacheClusters: args.numNodes,
    port: args.port,
    subnetGroupName: args.subnetGroupName,
    securityGroupIds: args.securityGroupIds,
    // The provider types this flag as a string ("true"/"false").
    atRestEncryptionEnabled: String(args.atRestEncryption),
    transitEncryptionEnabled: args.transitEncryption,
    ...(args.transitEncryption && args.transitEncryptionMode ? { transitEncryptionMode: args.transitEncryptionMode } : {}),
    automaticFailoverEnabled: replicated,
    multiAzEnabled: replicated,
    snapshotRetentionLimit: args.snapshotRetentionDays,
  });
}
