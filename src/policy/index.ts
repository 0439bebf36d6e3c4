// Built-in policy checks modelled on Checkov, Trivy and KICS: what the rest of the engine uses.
export { checkStackPolicies, policyAspectOf } from "./check.js";
export { allowByOverride, declareException, declaredException, overrideAllowance } from "./exceptions.js";
export { compareFindings, formatFinding, policyErrors, PolicyViolationError, type Finding, type FindingSeverity } from "./finding.js";
export { RuleIndex, ruleIn } from "./registry.js";
export type { PolicyRule } from "./rule.js";
