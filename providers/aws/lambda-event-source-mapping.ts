// Written by scripts/add-provider-binding.mjs: LambdaEventSourceMapping, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/lambda-event-source-mapping/index.js";
import { load } from "../load.js";

export const { LambdaEventSourceMapping } = load<typeof Binding>("@cdktf/provider-aws/lib/lambda-event-source-mapping");
export type LambdaEventSourceMapping = Binding.LambdaEventSourceMapping;
export type * from "@cdktf/provider-aws/lib/lambda-event-source-mapping/index.js";
