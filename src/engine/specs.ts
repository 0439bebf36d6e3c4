// Loads and checks specs the way every entry point does (CLI, cdktf app): schema, semantic rules,
// capability preconditions, and no two specs taking the same service name or any other name that
// must be unique in the account, region or shared VPC (src/engine/claims.ts).
import { compareDiagnostics, hasErrors, type Diagnostic } from "../config/diagnostics.js";
import { inEnvironment } from "../config/environments.js";
import { loadSpecFile, type LoadOptions } from "../config/load.js";
import type { PlatformConfig } from "../config/platform-config.js";
import { claimedNames, nameCollisions, type NameClaim } from "./claims.js";
import { checkPreconditions, checkSections } from "./plan.js";

/** What loadSpecFile needs from the registry: its rules beyond the schema (see checkSections). */
export const SPEC_CHECKS: LoadOptions = { checkSections };

export interface SpecCheck {
  file: string;
  /** The checked spec: the base spec, or with an environment given, that environment's merged spec. */
  config?: PlatformConfig;
  /**
   * The stacks the spec makes (present with `config`): the config itself for a spec without
   * environments or with an environment given; otherwise every environment's merged spec.
   */
  targets?: PlatformConfig[];
  diagnostics: Diagnostic[];
}

export interface SpecsCheck {
  files: SpecCheck[];
  /** The stacks of the files without errors (each file's targets), in argument order. */
  configs: PlatformConfig[];
  ok: boolean;
}

/**
 * Checks one spec completely. Without `environment`, a spec that declares environments is checked
 * as its base and then as every environment's merged spec (each one's errors name it), and its
 * targets are the environments; with `environment`, only that environment's merged spec.
 */
export async function checkSpecFile(file: string, environment?: string): Promise<SpecCheck> {
  const base = await checkOne(file, environment);
  if (!base.config || environment !== undefined || base.config.environments.length === 0) {
    return base.config ? { ...base, targets: [base.config] } : base;
  }
  const checks = await Promise.all(base.config.environments.map((name) => checkOne(file, name)));
  // A warning about a value of the base is said once, not again for every environment that keeps it.
  const seen = new Set(base.diagnostics.map((d) => `${d.line}:${d.column}:${d.path}:${d.message}`));
  const fromEnvironments = checks.flatMap((check, i) => {
    const prefix = `environment "${base.config!.environments[i]}": `;
    return check.diagnostics.filter((d) => !seen.has(`${d.line}:${d.column}:${d.path}:${d.message.slice(prefix.length)}`));
  });
  const diagnostics = [...base.diagnostics, ...fromEnvironments].sort(compareDiagnostics);
  if (checks.some((check) => !check.config)) return { file, diagnostics };
  return { file, config: base.config, targets: checks.map((check) => check.config!), diagnostics };
}

async function checkOne(file: string, environment: string | undefined): Promise<SpecCheck> {
  // Every check in one round: schema, semantic rules and preconditions, whatever the others found.
  const { config, diagnostics, partial } = await loadSpecFile(file, environment === undefined ? SPEC_CHECKS : { ...SPEC_CHECKS, environment });
  const checked = config ?? partial?.config;
  if (!checked) return { file, diagnostics };
  const problems = checkPreconditions(checked, partial?.broken).map((d) => (environment === undefined ? d : inEnvironment(environment, d)));
  const all = [...diagnostics, ...problems].sort(compareDiagnostics);
  return config && !hasErrors(problems) ? { file, config, diagnostics: all } : { file, diagnostics: all };
}

/** Checks the files (with `environment`, that environment of each) and refuses names two specs would both take. */
export async function checkSpecFiles(files: readonly string[], environment?: string): Promise<SpecsCheck> {
  const checks = await Promise.all(files.map((file) => checkSpecFile(file, environment)));
  const claiming = checks.map((check) => (check.config ? { file: check.file, claims: claimsOf(check.config, check.targets ?? []) } : undefined));
  for (const [index, collisions] of nameCollisions(claiming)) {
    checks[index]!.diagnostics.push(...collisions);
    delete checks[index]!.config;
  }
  return { files: checks, configs: checks.flatMap((c) => c.targets ?? []), ok: checks.every((c) => c.config !== undefined) };
}


/**
 * The names a spec takes: its own (a spec without environments), or its service name and every
 * name of each environment's stack (a spec with environments deploys only those).
 */
export function claimsOf(config: PlatformConfig, targets: readonly PlatformConfig[]): NameClaim[] {
  if (config.environments.length === 0 || targets.every((target) => target === config)) return claimedNames(config);
  return [...claimedNames(config).filter((claim) => claim.kind === "service name"), ...targets.flatMap((target) => claimedNames(target))];
}
