// How diagnostics look: `file:line:col path: message; hint: ...` (one line each), JSON, or GitHub
// workflow annotations.
import type { Diagnostic } from "../config/diagnostics.js";
import { annotationText, formatFinding, type Finding } from "../policy/finding.js";

export type DiagnosticFormat = "text" | "json" | "github";

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : `${d.file}:`;
  const level = d.severity === "warning" ? "warning: " : "";
  const path = d.path ? `${d.path}: ` : "";
  return `${where} ${level}${path}${d.message}${d.hint ? `; hint: ${d.hint}` : ""}`;
}

const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** `::error file=...,line=...,col=...,title=...::message` as GitHub Actions reads it. */
export function githubAnnotation(d: Diagnostic): string {
  const properties = [`file=${escapeProperty(d.file)}`];
  if (d.line > 0) {
    properties.push(`line=${d.line}`, `col=${d.column}`);
    // GitHub reads an end column only on a single-line range.
    if (d.endLine > d.line) properties.push(`endLine=${d.endLine}`);
    else if (d.endColumn > d.column) properties.push(`endColumn=${d.endColumn}`);
  }
  if (d.path) properties.push(`title=${escapeProperty(d.path)}`);
  const message = `${d.message}${d.hint ? `\n${d.hint}` : ""}`;
  return `::${d.severity} ${properties.join(",")}::${escapeData(message)}`;
}

/** A policy finding: `[construct path] RULE-ID: message`, after the spec file when there is one. */
export function formatFindingLine(finding: Finding, file?: string): string {
  return `${file ? `${file}: ` : ""}${finding.severity === "warning" ? "warning: " : ""}${formatFinding(finding)}`;
}

/** A policy finding as a GitHub annotation on the spec file, titled with the rule id. */
export function githubFindingAnnotation(finding: Finding, file: string): string {
  const properties = [`file=${escapeProperty(file)}`];
  // Where the spec declares the section whose step created the resource.
  if (finding.line) properties.push(`line=${finding.line}`, `col=${finding.column ?? 1}`);
  properties.push(`title=${escapeProperty(finding.ruleId)}`);
  return `::${finding.severity} ${properties.join(",")}::${escapeData(`[${finding.path}] ${annotationText(finding)}`)}`;
}
