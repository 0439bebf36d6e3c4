// Written by scripts/add-provider-binding.mjs: SsmParameter, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/ssm-parameter/index.js";
import { load } from "../load.js";

export const { SsmParameter } = load<typeof Binding>("@cdktf/provider-aws/lib/ssm-parameter");
export type SsmParameter = Binding.SsmParameter;
export type * from "@cdktf/provider-aws/lib/ssm-parameter/index.js";
