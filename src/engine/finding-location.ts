// Where in the spec a policy finding comes from: the section (or the function) whose step created
// the resource, read from the resource's logical id (`<section>_...`, `lambda_<function>_...`).
// Reports that need a file position (SARIF, GitHub annotations, JSON) point there.
import { formatPath, type SourceRange, type SpecPath } from "../config/diagnostics.js";
import type { PlatformConfig, SectionName } from "../config/platform-config.js";
import type { Finding } from "../policy/index.js";

/** A finding with the spec path it is reported at and that path's range in the file. */
export type LocatedFinding = Finding & SourceRange & { file: string; specPath: string };

/** Logical-id prefixes of the steps that no section names, and the section that causes them. */
const DERIVED_PREFIXES: ReadonlyArray<[string, SectionName]> = [
  ["networking_", "compute"],
  ["service_discovery_", "serviceDiscovery"],
];

const idPart = (name: string) => name.replace(/-/g, "_");

/** The spec path a resource's logical id belongs to: a function, a section, or `spec` itself. */
export function specPathOf(config: PlatformConfig, address: string): SpecPath {
  const logicalId = address.slice(address.indexOf(".") + 1);
  const functions = config.spec.lambda?.functions ?? [];
  if (logicalId.startsWith("lambda_")) {
    // The longest matching name wins: `chat_x_...` belongs to chat-x, not to chat.
    const candidates = functions
      .map((fn, index) => ({ index, forms: [idPart(fn.name), idPart(fn.image)] }))
      .flatMap(({ index, forms }) => forms.map((form) => ({ index, form })))
      .filter(({ form }) => logicalId.startsWith(`lambda_${form}_`))
      .sort((a, b) => b.form.length - a.form.length);
    if (candidates[0]) return ["spec", "lambda", "functions", candidates[0].index];
  }
  for (const [prefix, section] of DERIVED_PREFIXES) if (logicalId.startsWith(prefix) && config.declaredSections.includes(section)) return ["spec", section];
  for (const section of config.declaredSections) if (logicalId.startsWith(`${section}_`)) return ["spec", section];
  return ["spec"];
}

export function locateFindings(config: PlatformConfig, findings: readonly Finding[]): LocatedFinding[] {
  return findings.map((finding) => {
    const path = specPathOf(config, finding.address);
    return { ...finding, file: config.file, ...config.locate(path), specPath: formatPath(path) };
  });
}
