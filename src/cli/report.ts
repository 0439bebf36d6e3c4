// Prints diagnostics of checked specs, and policy findings of built stacks, in the chosen format.
import type { Diagnostic } from "../config/diagnostics.js";
import type { Finding } from "../policy/finding.js";
import { formatDiagnostic, formatFindingLine, githubAnnotation, githubFindingAnnotation, type DiagnosticFormat } from "./format.js";
import type { Io } from "./io.js";

export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[], format: Exclude<DiagnosticFormat, "json">): void {
  for (const d of diagnostics) {
    if (format === "github") io.stdout(`${githubAnnotation(d)}\n`);
    else io.stderr(`${formatDiagnostic(d)}\n`);
  }
}

/** Policy findings, errors first; `file` is the spec the stack came from, when known. */
export function printFindings(io: Io, findings: readonly Finding[], format: Exclude<DiagnosticFormat, "json">, file?: string): void {
  const ordered = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  for (const finding of ordered) {
    if (format === "github") io.stdout(`${githubFindingAnnotation(finding, file ?? "")}\n`);
    else io.stderr(`${formatFindingLine(finding, file)}\n`);
  }
}

export function countBySeverity(diagnostics: ReadonlyArray<{ severity: Diagnostic["severity"] }>) {
  return {
    errors: diagnostics.filter((d) => d.severity === "error").length,
    warnings: diagnostics.filter((d) => d.severity === "warning").length,
  };
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The declared policy exceptions among `findings`, one line per declaration: the rules it excuses,
 * on how many resources, and why. Shown once per stack instead of a warning per resource.
 */
export function exceptionSummary(findings: readonly Finding[]): string[] {
  const byReason = new Map<string, { rules: Set<string>; resources: Set<string> }>();
  for (const finding of findings) {
    if (finding.severity !== "warning" || finding.exception === undefined) continue;
    const entry = byReason.get(finding.exception) ?? { rules: new Set(), resources: new Set() };
    entry.rules.add(finding.ruleId);
    entry.resources.add(finding.address);
    byReason.set(finding.exception, entry);
  }
  return [...byReason].map(([reason, { rules, resources }]) => `${[...rules].sort().join(", ")} (${plural(resources.size, "resource")}): ${reason}`);
}
