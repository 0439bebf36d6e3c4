// Written by scripts/add-provider-binding.mjs: EfsAccessPoint, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/efs-access-point/index.js";
import { load } from "../load.js";

export const { EfsAccessPoint } = load<typeof Binding>("@cdktf/provider-aws/lib/efs-access-point");
export type EfsAccessPoint = Binding.EfsAccessPoint;
export type * from "@cdktf/provider-aws/lib/efs-access-point/index.js";
