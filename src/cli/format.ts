// How diagnostics look: `file:line:col path: message; hint: ...` (one line each), JSON, or GitHub
// workflow annotations.
import type { Diagnostic } from "../config/diagnostics.js";
import { annotationText, formatFinding, type Finding } from "../policy/finding.js";
import { oneLine } from "../support/echo.js";

export type DiagnosticFormat = "text" | "json" | "github";

/**
 * A diagnostic with every text field made safe to print (src/support/echo.ts): one line, invisible
 * characters escaped, bounded length. Every output format (text, json, github) prints these.
 */
export function safeDiagnostic(d: Diagnostic): Diagnostic {
  return { ...d, file: oneLine(d.file), path: oneLine(d.path), message: oneLine(d.message), ...(d.hint !== undefined ? { hint: oneLine(d.hint) } : {}) };
}

/** A finding made safe to print, as safeDiagnostic. */
export function safeFinding(f: Finding): Finding {
  return {
    ...f,
    path: oneLine(f.path),
    address: oneLine(f.address),
    message: oneLine(f.message),
    ...(f.file !== undefined ? { file: oneLine(f.file) } : {}),
    ...(f.exception !== undefined ? { exception: oneLine(f.exception) } : {}),
  };
}

export function formatDiagnostic(raw: Diagnostic): string {
  const d = safeDiagnostic(raw);
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : `${d.file}:`;
  const level = d.severity === "warning" ? "warning: " : "";
  const path = d.path ? `${d.path}: ` : "";
  return `${where} ${level}${path}${d.message}${d.hint ? `; hint: ${d.hint}` : ""}`;
}

const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** `::error file=...,line=...,col=...,title=...::message` as GitHub Actions reads it. */
export function githubAnnotation(raw: Diagnostic): string {
  const d = safeDiagnostic(raw);
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

/** Where a finding's spec entry is: `file:line:col` when the finding was located, else the file alone. */
function findingWhere(finding: Finding, file: string | undefined): string | undefined {
  const name = file ?? finding.file;
  if (!name) return undefined;
  return finding.line ? `${oneLine(name)}:${finding.line}:${finding.column ?? 1}` : oneLine(name);
}

/**
 * A policy finding: `[construct path] RULE-ID: message`, after the spec file (and the position of
 * the spec entry that caused it, when known).
 */
export function formatFindingLine(raw: Finding, file?: string): string {
  const finding = safeFinding(raw);
  const where = findingWhere(finding, file);
  return `${where ? `${where}: ` : ""}${finding.severity === "warning" ? "warning: " : ""}${formatFinding(finding)}`;
}

/** A policy finding as a GitHub annotation on the spec file (at the spec entry when known), titled with the rule id. */
export function githubFindingAnnotation(raw: Finding, file: string): string {
  const finding = safeFinding(raw);
  const properties = [`file=${escapeProperty(oneLine(file || finding.file || ""))}`];
  if (finding.line) properties.push(`line=${finding.line}`, `col=${finding.column ?? 1}`);
  properties.push(`title=${escapeProperty(finding.ruleId)}`);
  return `::${finding.severity} ${properties.join(",")}::${escapeData(`[${finding.path}] ${annotationText(finding)}`)}`;
}
