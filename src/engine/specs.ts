// Loads and checks specs the way every entry point does (CLI, cdktf app): schema, semantic rules,
// capability preconditions, and no two specs with the same service name.
import { compareDiagnostics, hasErrors, type Diagnostic } from "../config/diagnostics.js";
import { loadSpecFile } from "../config/load.js";
import type { PlatformConfig } from "../config/platform-config.js";
import { INJECTED_NAMES } from "./environment.js";
import { checkPreconditions } from "./plan.js";

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
  const { config, diagnostics } = await loadSpecFile(file, { injectedEnvironment: INJECTED_NAMES });
  if (!config) return { file, diagnostics };
  const problems = checkPreconditions(config);
  const all = [...diagnostics, ...problems].sort(compareDiagnostics);
  return hasErrors(problems) ? { file, diagnostics: all } : { file, config, diagnostics: all };
}

export async function checkSpecFiles(files: readonly string[]): Promise<SpecsCheck> {
  const checks = await Promise.all(files.map((file) => checkSpecFile(file)));
  const byName = new Map<string, SpecCheck>();
  for (const check of checks) {
    if (!check.config) continue;
    const first = byName.get(check.config.serviceName);
    if (!first) {
      byName.set(check.config.serviceName, check);
      continue;
    }
    const { line, column } = check.config.locate(["metadata", "name"]);
    check.diagnostics.push({
      severity: "error",
      file: check.file,
      line,
      column,
      path: "metadata.name",
      message: `service name "${check.config.serviceName}" is also used by ${first.file}`,
      hint: "each service has one stack and one state; give each spec its own name",
    });
    delete check.config;
  }
  return { files: checks, configs: checks.flatMap((c) => (c.config ? [c.config] : [])), ok: checks.every((c) => c.config !== undefined) };
}
