// Loads and checks specs the way every entry point does (CLI, cdktf app): schema, semantic rules,
// capability preconditions, and no two specs taking the same service name or any other name that
// must be unique in the account, region or shared VPC (src/engine/claims.ts).
import { compareDiagnostics, hasErrors, type Diagnostic } from "../config/diagnostics.js";
import { loadSpecFile, type LoadOptions } from "../config/load.js";
import type { PlatformConfig } from "../config/platform-config.js";
import { claimedNames, nameCollisions } from "./claims.js";
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

export async function checkSpecFiles(files: readonly string[]): Promise<SpecsCheck> {
  const checks = await Promise.all(files.map((file) => checkSpecFile(file)));
  const claiming = checks.map((check) => (check.config ? { file: check.file, claims: claimedNames(check.config) } : undefined));
  for (const [index, collisions] of nameCollisions(claiming)) {
    checks[index]!.diagnostics.push(...collisions);
    delete checks[index]!.config;
  }
  return { files: checks, configs: checks.flatMap((c) => (c.config ? [c.config] : [])), ok: checks.every((c) => c.config !== undefined) };
}
