// Test helper for resource modules: call one module in an empty stack and read the Terraform JSON.
import { TerraformStack, Testing } from "../../providers/cdktf.js";
import type { TerraformJson } from "./spec.js";

/** Runs `build` in a fresh stack and returns the synthesized JSON (metadata stripped). */
export function synthModule(build: (scope: TerraformStack) => unknown): TerraformJson {
  const stack = new TerraformStack(Testing.app({ stackTraces: false }), "module-under-test");
  build(stack);
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}
