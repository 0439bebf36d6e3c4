// Written by scripts/add-provider-binding.mjs: DbInstance, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/db-instance/index.js";
import { load } from "../load.js";

export const { DbInstance } = load<typeof Binding>("@cdktf/provider-aws/lib/db-instance");
export type DbInstance = Binding.DbInstance;
export type * from "@cdktf/provider-aws/lib/db-instance/index.js";
