// How diagnostics look: `file:line:col path: message; hint: ...` (one line each), JSON, or GitHub
// workflow annotations.
import type { Diagnostic } from "../config/diagnostics.js";

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
  if (d.line > 0) properties.push(`line=${d.line}`, `col=${d.column}`);
  if (d.path) properties.push(`title=${escapeProperty(d.path)}`);
  const message = `${d.message}${d.hint ? `\n${d.hint}` : ""}`;
  return `::${d.severity} ${properties.join(",")}::${escapeData(message)}`;
}
