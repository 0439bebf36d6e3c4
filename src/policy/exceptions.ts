// Declared exceptions: a capability marks one construct as a deliberate, documented departure from
// one rule (an opt-out field of the spec, such as `database.deletionProtection: false`). The mark is
// construct metadata; the finding is then reported as a warning that carries the reason.
import type { IConstruct } from "../../providers/cdktf.js";
import type { PolicyRule } from "./rule.js";

/** Construct metadata type of a declared exception. */
export const POLICY_EXCEPTION_METADATA = "platform:policy-exception";

interface DeclaredException {
  ruleId: string;
  reason: string;
}

/**
 * Declares that `construct` departs from `ruleId` on purpose. Only rules that an optional spec field
 * may turn off accept exceptions; the reason is printed with the finding, so say which field did it.
 */
export function declareException(construct: IConstruct, rule: PolicyRule, reason: string): void {
  const ruleId = rule.id;
  if (!rule.exceptable) throw new Error(`policy rule ${ruleId} has no documented opt-out; it cannot be declared an exception`);
  if (reason.trim() === "") throw new Error(`an exception to ${ruleId} needs a reason`);
  construct.node.addMetadata(POLICY_EXCEPTION_METADATA, { ruleId, reason } satisfies DeclaredException);
}

/** The reason declared for `ruleId` on this construct, if any. */
export function declaredException(construct: IConstruct, ruleId: string): string | undefined {
  for (const entry of construct.node.metadata) {
    if (entry.type !== POLICY_EXCEPTION_METADATA) continue;
    const data = entry.data as DeclaredException;
    if (data.ruleId === ruleId) return data.reason;
  }
  return undefined;
}

/** Construct metadata type of a rule an `overrides:` patch is allowed to break (its `allowPolicies`). */
export const OVERRIDE_ALLOWANCE_METADATA = "platform:override-allowance";

/**
 * Records that an `overrides:` patch of `construct` may break `ruleId`, for the reason the spec gives.
 * Unlike declareException, any rule may be allowed so: the spec's author names the rule and the reason
 * in the spec, where review sees it, and the finding stays visible as a warning.
 */
export function allowByOverride(construct: IConstruct, ruleId: string, reason: string): void {
  if (reason.trim() === "") throw new Error(`allowing ${ruleId} needs a reason`);
  construct.node.addMetadata(OVERRIDE_ALLOWANCE_METADATA, { ruleId, reason } satisfies DeclaredException);
}

/** The reason an `overrides:` patch gave for breaking `ruleId` on this construct, if any. */
export function overrideAllowance(construct: IConstruct, ruleId: string): string | undefined {
  for (const entry of construct.node.metadata) {
    if (entry.type !== OVERRIDE_ALLOWANCE_METADATA) continue;
    const data = entry.data as DeclaredException;
    if (data.ruleId === ruleId) return data.reason;
  }
  return undefined;
}
