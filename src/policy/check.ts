// The engine's one entry point to the policy checks: apply the rules to a built stack and return
// what they found. The aspect stays registered on the stack, so synthesizing it afterwards (by the
// engine or by `cdktf synth`) meets the same errors as cdktf annotations.
import { Aspects, type TerraformStack } from "../../providers/cdktf.js";
import { PolicyAspect, type RenderedStack } from "./aspect.js";
import type { Finding } from "./finding.js";
import type { RuleIndex } from "./registry.js";

const aspects = new WeakMap<TerraformStack, PolicyAspect>();

/** The stack's policy aspect, registered on first use (with the rules it applies). */
export function policyAspectOf(stack: TerraformStack, rules: RuleIndex): PolicyAspect {
  let aspect = aspects.get(stack);
  if (!aspect) {
    aspect = new PolicyAspect(rules);
    aspects.set(stack, aspect);
    Aspects.of(stack).add(aspect);
  }
  return aspect;
}

/**
 * Checks every resource and provider of the stack; errors refuse the stack, warnings are declared
 * exceptions. Pass the stack's rendered JSON when there is one, so references are not resolved twice.
 */
export function checkStackPolicies(stack: TerraformStack, rules: RuleIndex, rendered?: RenderedStack): Finding[] {
  const aspect = policyAspectOf(stack, rules);
  if (rendered) aspect.useRendered(rendered);
  for (const node of stack.node.findAll()) aspect.visit(node);
  return aspect.findings();
}
