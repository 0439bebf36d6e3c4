// Written by scripts/add-provider-binding.mjs: ElasticacheReplicationGroup, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/elasticache-replication-group/index.js";
import { load } from "../load.js";

export const { ElasticacheReplicationGroup } = load<typeof Binding>("@cdktf/provider-aws/lib/elasticache-replication-group");
export type ElasticacheReplicationGroup = Binding.ElasticacheReplicationGroup;
export type * from "@cdktf/provider-aws/lib/elasticache-replication-group/index.js";
