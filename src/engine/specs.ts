// Loads and checks specs the way every entry point does (CLI, cdktf app): schema, semantic rules,
// capability preconditions, and no two specs with the same service name.
import { compareDiagnostics, hasErrors, type Diagnostic } from "../config/diagnostics.js";
import { loadSpecFile, type LoadOptions } from "../config/load.js";
import type { PlatformConfig } from "../config/platform-config.js";
import { checkPreconditions, checkSections } from "./plan.js";

/** What loadSpecFile needs from the registry: its rules beyond the schema (see checkSections). */
export const SPEC_CHECKS: LoadOptions = { checkSections };

export interface SpecCheck {
  file: string;
  config?: PlatformConfig;
  diagnostics: Diagnostic[];
}

export interface SpecsCheck {
  files: SpecCheck[];
  /** Configs of the files without errors, in argument order. */
  configs: PlatformConfig[];
  ok: boolean;
}

export async function checkSpecFile(file: string): Promise<SpecCheck> {
  const { config, diagnostics } = await loadSpecFile(file, SPEC_CHECKS);
  if (!config) return { file, diagnostics };
  const problems = checkPreconditions(config);
  const all = [...diagnostics, ...problems].sort(compareDiagnostics);
  return hasErrors(problems) ? { file, diagnostics: all } : { file, config, diagnostics: all };
}

/** A checked spec's service name and where it is written, for the one-name-one-stack rule. */
export interface NamedSpec {
  file: string;
  name: string;
  position: { line: number; column: number };
}

/** An error for every spec whose service name an earlier spec already uses, by index in `specs`. */
export function duplicateNames(specs: ReadonlyArray<NamedSpec | undefined>): Map<number, Diagnostic> {
  const first = new Map<string, NamedSpec>();
  const duplicates = new Map<number, Diagnostic>();
  specs.forEach((spec, index) => {
    if (!spec) return;
    const earlier = first.get(spec.name);
    if (!earlier) {
      first.set(spec.name, spec);
      return;
    }
    duplicates.set(index, {
      severity: "error",
      file: spec.file,
      ...spec.position,
      path: "metadata.name",
      message: `service name "${spec.name}" is also used by ${earlier.file}`,
      hint: "each service has one stack and one state; give each spec its own name",
    });
  });
  return duplicates;
}

export async function checkSpecFiles(files: readonly string[]): Promise<SpecsCheck> {
  const checks = await Promise.all(files.map((file) => checkSpecFile(file)));
  const named = checks.map((check) =>
    check.config ? { file: check.file, name: check.config.serviceName, position: check.config.locate(["metadata", "name"]) } : undefined,
  );
  for (const [index, duplicate] of duplicateNames(named)) {
    checks[index]!.diagnostics.push(duplicate);
    delete checks[index]!.config;
  }
  return { files: checks, configs: checks.flatMap((c) => (c.config ? [c.config] : [])), ok: checks.every((c) => c.config !== undefined) };
}
