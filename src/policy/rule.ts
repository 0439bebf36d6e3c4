// The shape of a policy rule: the engine's own id, what it requires, the public scanner checks it
// stands in for, and a check that reads one resource (or provider) and returns its violations.
import type { PolicyElement } from "./element.js";
import type { FindingSeverity } from "./finding.js";

export interface ScannerEquivalents {
  /** Checkov ids (`CKV_AWS_*`, `CKV2_AWS_*`). */
  checkov: readonly string[];
  /** Trivy misconfiguration ids (`AVD-AWS-*`). */
  trivy: readonly string[];
}

export interface PolicyRule {
  /** `PLT-<AREA>-<NNN>`; never reused for another requirement. */
  id: string;
  /** The requirement, as one sentence (docs/security.md lists it). */
  title: string;
  /** What a violation is when no exception was declared. */
  severity: FindingSeverity;
  /** Terraform resource types, or `provider.<name>`, the rule reads. */
  appliesTo: readonly string[];
  equivalents: ScannerEquivalents;
  /**
   * True when an optional spec field may turn the secure default off; the capability then declares
   * the exception (`declareException`) and the finding is reported as a warning instead.
   */
  exceptable: boolean;
  /** One message per violation; none when the element complies. */
  check(element: PolicyElement): string[];
}
