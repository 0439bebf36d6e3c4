// Errors and warnings are data until the CLI prints them: every one names a file, a position and a spec path.
import type { DiagnosticCode } from "./codes.js";

export type { DiagnosticCode };

export type Severity = "error" | "warning";

export interface Diagnostic {
  severity: Severity;
  /** Stable rule code (src/config/codes.ts), e.g. `schema/unknown-field`. */
  code: DiagnosticCode;
  file: string;
  /** 1-based; 0 when the problem has no position (for example an unreadable file). */
  line: number;
  column: number;
  /** Where the offending key or value ends (1-based, exclusive column); equal to the start when it has no extent. */
  endLine: number;
  endColumn: number;
  /** Dotted spec path such as `spec.cache.nodeType` or `spec.lambda.functions[1].name`; empty for the file itself. */
  path: string;
  message: string;
  /** How to fix it, when the message alone does not say. */
  hint?: string;
}

/** A location inside a spec: segments of the path, strings for keys and numbers for list items. */
export type SpecPath = ReadonlyArray<string | number>;

export function formatPath(path: SpecPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? segment : `.${segment}`;
  }
  return out;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Stable order for reporting: by file, then position, then path. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.path.localeCompare(b.path) || a.message.localeCompare(b.message);
}

/** A position range in a spec file (1-based lines and columns; the end column is exclusive). */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The range of a problem without a position of its own (line 0), or of a single point. */
export const pointRange = (line = 0, column = 0): SourceRange => ({ line, column, endLine: line, endColumn: column });

/** A spec that cannot be built (found while building its stack); carries positioned diagnostics like a validation failure. */
export class SpecRejectedError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.path}: ${d.message}`).join("\n"));
  }
}
