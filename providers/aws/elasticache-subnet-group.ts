// Written by scripts/add-provider-binding.mjs: ElasticacheSubnetGroup, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/elasticache-subnet-group/index.js";
import { load } from "../load.js";

export const { ElasticacheSubnetGroup } = load<typeof Binding>("@cdktf/provider-aws/lib/elasticache-subnet-group");
export type ElasticacheSubnetGroup = Binding.ElasticacheSubnetGroup;
export type * from "@cdktf/provider-aws/lib/elasticache-subnet-group/index.js";
