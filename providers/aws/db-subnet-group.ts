// Written by scripts/add-provider-binding.mjs: DbSubnetGroup, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/db-subnet-group/index.js";
import { load } from "../load.js";

export const { DbSubnetGroup } = load<typeof Binding>("@cdktf/provider-aws/lib/db-subnet-group");
export type DbSubnetGroup = Binding.DbSubnetGroup;
export type * from "@cdktf/provider-aws/lib/db-subnet-group/index.js";
