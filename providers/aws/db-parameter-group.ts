// Written by scripts/add-provider-binding.mjs: DbParameterGroup, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/db-parameter-group/index.js";
import { load } from "../load.js";

export const { DbParameterGroup } = load<typeof Binding>("@cdktf/provider-aws/lib/db-parameter-group");
export type DbParameterGroup = Binding.DbParameterGroup;
export type * from "@cdktf/provider-aws/lib/db-parameter-group/index.js";
