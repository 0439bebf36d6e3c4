// SARIF 2.1.0 (the format GitHub code scanning, Checkov and tfsec read): spec diagnostics and policy
// findings of `platform validate` as one run of one tool. Positions are those of the spec file:
// a finding points at the section (or function) whose step created the resource.
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import { DIAGNOSTIC_CODES } from "../config/codes.js";
import type { Diagnostic } from "../config/diagnostics.js";
import type { Finding } from "../policy/finding.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

export interface SarifInput {
  file: string;
  diagnostics: readonly Diagnostic[];
  findings: readonly Finding[];
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** A file as SARIF wants it: a URI reference (relative paths stay relative, with `/` separators). */
export function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join("/");
}

const region = (range: { line: number; column: number; endLine: number; endColumn: number }): Region | undefined =>
  range.line > 0 ? { startLine: range.line, startColumn: Math.max(range.column, 1), endLine: Math.max(range.endLine, range.line), endColumn: Math.max(range.endColumn, 1) } : undefined;

const findingRegion = ({ line, column, endLine, endColumn }: Finding): Region | undefined =>
  line !== undefined && line > 0 ? region({ line, column: column ?? 1, endLine: endLine ?? line, endColumn: endColumn ?? column ?? 1 }) : undefined;

function location(file: string, range: Region | undefined, logical?: string) {
  return {
    physicalLocation: { artifactLocation: { uri: artifactUri(file) }, ...(range ? { region: range } : {}) },
    ...(logical ? { logicalLocations: [{ fullyQualifiedName: logical, kind: "member" }] } : {}),
  };
}

/** The SARIF log of the given files' diagnostics and findings, as a JSON value. */
export function toSarif(inputs: readonly SarifInput[]): Record<string, unknown> {
  const rules: Array<Record<string, unknown>> = [];
  const ruleIndex = new Map<string, number>();
  // Policy rules are described by their findings (`title`): this module never loads the policy code.
  const indexOf = (id: string, policy?: Finding): number => {
    const known = ruleIndex.get(id);
    if (known !== undefined) return known;
    const description = (DIAGNOSTIC_CODES as Record<string, string>)[id] ?? policy?.title ?? id;
    rules.push({
      id,
      shortDescription: { text: description },
      properties: { tags: [policy ? "security" : "spec"] },
    });
    ruleIndex.set(id, rules.length - 1);
    return rules.length - 1;
  };

  const results: Array<Record<string, unknown>> = [];
  for (const { file, diagnostics, findings } of inputs) {
    for (const d of diagnostics) {
      results.push({
        ruleId: d.code,
        ruleIndex: indexOf(d.code),
        level: d.severity,
        message: { text: `${d.path ? `${d.path}: ` : ""}${d.message}${d.hint ? `; hint: ${d.hint}` : ""}` },
        locations: [location(file, region(d), d.path || undefined)],
      });
    }
    for (const finding of findings) {
      results.push({
        ruleId: finding.ruleId,
        ruleIndex: indexOf(finding.ruleId, finding),
        level: finding.severity,
        message: { text: `${finding.address}: ${finding.message}${finding.exception ? ` (declared exception: ${finding.exception})` : ""}` },
        locations: [location(file, findingRegion(finding), finding.specPath || undefined)],
        properties: { address: finding.address, constructPath: finding.path, ...(finding.exception ? { exception: finding.exception } : {}) },
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "platform", rules } },
        // Columns count UTF-16 code units, as the YAML parser (and JavaScript) does.
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}
