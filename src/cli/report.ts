// Prints diagnostics of checked specs in the chosen format.
import type { Diagnostic } from "../config/diagnostics.js";
import { formatDiagnostic, githubAnnotation, type DiagnosticFormat } from "./format.js";
import type { Io } from "./io.js";

export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[], format: Exclude<DiagnosticFormat, "json">): void {
  for (const d of diagnostics) {
    if (format === "github") io.stdout(`${githubAnnotation(d)}\n`);
    else io.stderr(`${formatDiagnostic(d)}\n`);
  }
}

export function countBySeverity(diagnostics: readonly Diagnostic[]) {
  return {
    errors: diagnostics.filter((d) => d.severity === "error").length,
    warnings: diagnostics.filter((d) => d.severity === "warning").length,
  };
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
