// Written by scripts/add-provider-binding.mjs: LambdaFunction, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/lambda-function/index.js";
import { load } from "../load.js";

export const { LambdaFunction } = load<typeof Binding>("@cdktf/provider-aws/lib/lambda-function");
export type LambdaFunction = Binding.LambdaFunction;
export type * from "@cdktf/provider-aws/lib/lambda-function/index.js";
