// Written by scripts/add-provider-binding.mjs: LambdaFunctionUrl, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/lambda-function-url/index.js";
import { load } from "../load.js";

export const { LambdaFunctionUrl } = load<typeof Binding>("@cdktf/provider-aws/lib/lambda-function-url");
export type LambdaFunctionUrl = Binding.LambdaFunctionUrl;
export type * from "@cdktf/provider-aws/lib/lambda-function-url/index.js";
