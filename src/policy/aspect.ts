// The cdktf Aspect that applies the rules: it visits each resource and provider of a stack once,
// reports violations as Annotations (errors, or warnings for declared exceptions, so cdktf's own
// synth refuses the stack too) and keeps them as findings for the engine to print.
import { Annotations, TerraformResource, TerraformStack, type IAspect, type IConstruct, type TerraformProvider } from "../../providers/cdktf.js";
import { elementTypeOf, PolicyElement, type Attributes } from "./element.js";
import { declaredException, overrideAllowance } from "./exceptions.js";
import { annotationText, compareFindings, type Finding } from "./finding.js";
import type { RuleIndex } from "./registry.js";
import type { PolicyRule } from "./rule.js";

/** A stack's synthesized Terraform JSON, as far as the aspect reads it. */
export interface RenderedStack {
  resource?: Record<string, Record<string, Attributes>>;
}

export class PolicyAspect implements IAspect {
  private readonly visited = new WeakSet<IConstruct>();
  private readonly found: Finding[] = [];
  private rendered: RenderedStack | undefined;

  constructor(private readonly rules: RuleIndex) {}

  /** Reads resources' attributes from the stack's rendered JSON (resolved once) instead of resolving them again. */
  useRendered(rendered: RenderedStack): void {
    this.rendered = rendered;
  }

  visit(node: IConstruct): void {
    if (this.visited.has(node)) return;
    this.visited.add(node);
    const type = elementTypeOf(node);
    if (!type) return;
    const rules = this.rules.rulesFor(type);
    // Most resources of a stack have no rule: they are never resolved.
    if (rules.length === 0) return;
    const resource = TerraformResource.isTerraformResource(node) ? node : undefined;
    const body = resource ? this.rendered?.resource?.[resource.terraformResourceType]?.[resource.friendlyUniqueId] : undefined;
    const element = new PolicyElement(node as TerraformResource | TerraformProvider, TerraformStack.of(node), body);
    for (const rule of rules) {
      for (const message of rule.check(element)) this.report(element, rule, message);
    }
  }

  /** Every finding so far, in a stable order. */
  findings(): Finding[] {
    return [...this.found].sort(compareFindings);
  }

  private report(element: PolicyElement, rule: PolicyRule, message: string): void {
    const allowance = overrideAllowance(element.construct, rule.id);
    const exception = (rule.exceptable ? declaredException(element.construct, rule.id) : undefined) ?? (allowance === undefined ? undefined : `allowed by overrides: ${allowance}`);
    const finding: Finding = {
      ruleId: rule.id,
      severity: exception === undefined ? rule.severity : "warning",
      path: element.path,
      address: element.address,
      message,
      ...(exception !== undefined ? { exception } : {}),
    };
    this.found.push(finding);
    const annotations = Annotations.of(element.construct);
    if (finding.severity === "error") annotations.addError(annotationText(finding));
    else annotations.addWarning(annotationText(finding));
  }
}
