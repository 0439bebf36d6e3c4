// What a policy check reports, and how it reads: `[construct path] RULE-ID: message`, as cdktf
// prints its own annotations.

export type FindingSeverity = "error" | "warning";

export interface Finding {
  ruleId: string;
  /** `error` refuses the stack; `warning` is a declared, documented exception. */
  severity: FindingSeverity;
  /** Construct path, e.g. `my-service/compute_ecs_cluster`. */
  path: string;
  /** Terraform address, e.g. `aws_ecs_cluster.compute_ecs_cluster` (`provider.aws` for a provider). */
  address: string;
  message: string;
  /** The reason a capability gave when it declared this an exception; the finding is then a warning. */
  exception?: string;
  /** The rule's requirement in one sentence (set where reports describe rules, e.g. SARIF). */
  title?: string;
  /** The spec file and the range (1-based, end column exclusive) of the spec entry that caused the finding, when known. */
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Dotted spec path of that entry, e.g. `spec.storage` or `spec.lambda.functions[0]`. */
  specPath?: string;
}

/** The annotation text of a finding: `RULE-ID: message` (cdktf adds the construct path). */
export function annotationText(finding: Pick<Finding, "ruleId" | "message" | "exception">): string {
  return `${finding.ruleId}: ${finding.message}${finding.exception ? ` (declared exception: ${finding.exception})` : ""}`;
}

/** `[construct path] RULE-ID: message`. */
export const formatFinding = (finding: Finding): string => `[${finding.path}] ${annotationText(finding)}`;

export const policyErrors = (findings: readonly Finding[]): Finding[] => findings.filter((finding) => finding.severity === "error");

/** Stable order for reporting: by construct path, then rule. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}

/** A stack broke at least one policy rule; nothing was written. Carries every finding of every stack checked. */
export class PolicyViolationError extends Error {
  constructor(readonly findings: readonly Finding[]) {
    super(policyErrors(findings).map(formatFinding).join("\n"));
  }
}
