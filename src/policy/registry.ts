// Policy rules by id and by the Terraform type they read. The rules themselves come from the units
// that create the resources they read (src/capabilities/<section>/policy.ts, listed in each
// definition's `policyRules`) and from src/policy/rules/ for resources many units create (roles,
// security groups, log groups, image repositories, functions); the engine's registry assembles the
// index (src/engine/policy-rules.ts). docs/security.md lists the same rules with their scanner
// equivalents (a test keeps the two in step).
import type { PolicyRule } from "./rule.js";

const NONE: readonly PolicyRule[] = [];

export class RuleIndex {
  private readonly byId = new Map<string, PolicyRule>();
  private readonly byType = new Map<string, PolicyRule[]>();

  constructor(readonly rules: readonly PolicyRule[]) {
    for (const rule of rules) {
      if (this.byId.has(rule.id)) throw new Error(`policy rule ${rule.id} is defined twice`);
      this.byId.set(rule.id, rule);
      for (const type of rule.appliesTo) this.byType.set(type, [...(this.byType.get(type) ?? []), rule]);
    }
  }

  ruleById(id: string): PolicyRule | undefined {
    return this.byId.get(id);
  }

  /** The rules that read elements of this type (`aws_db_instance`, `provider.aws`). */
  rulesFor(type: string): readonly PolicyRule[] {
    return this.byType.get(type) ?? NONE;
  }
}

/** The rule `id` of a list (a unit's own rules, when it declares an exception); throws when it is not there. */
export function ruleIn(rules: readonly PolicyRule[], id: string): PolicyRule {
  const rule = rules.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`no policy rule ${id}`);
  return rule;
}
