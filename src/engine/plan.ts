// Which steps a spec runs, in order, and whether its preconditions hold: decided from the config
// alone, before any construct exists (so `platform validate` can report it without synthesizing).
import { formatPath, type Diagnostic, type DiagnosticCode } from "../config/diagnostics.js";
import type { PlatformConfig, SectionName } from "../config/platform-config.js";
import type { CapabilityContext, FoundationNeeds } from "../capabilities/shared/context.js";
import type { CapabilityHandler, Report, RoleNeed, SecurityGroupNeed } from "../capabilities/shared/definition.js";
import { PHASES, type Phase } from "../capabilities/shared/phases.js";
import { checkFunctionEnvironments } from "./function-environment.js";
import { checkOverrideShapes } from "./override-paths.js";
import { CAPABILITY_LIST, capabilityOf, DERIVED_STEPS, INJECTED_NAMES } from "./registry.js";

export interface PlannedStep {
  /** The section name, or `foundation` / `networking` for derived steps. */
  name: string;
  phase: Phase;
  summary: string;
  /** Imports the step's module (each step's code is a chunk of its own, loaded on demand). */
  load: () => Promise<unknown>;
  run: (ctx: CapabilityContext) => Promise<void>;
  /** The step's record also counts what the context's finalizers add (see DerivedStep). */
  ownsFinalizers: boolean;
}

/** Steps in phase order; within a phase, sections in the contract's order. */
export function planSteps(config: PlatformConfig): PlannedStep[] {
  const steps: PlannedStep[] = [];
  for (const derived of DERIVED_STEPS) {
    if (!derived.appliesTo(config)) continue;
    steps.push({
      name: derived.name,
      phase: derived.phase,
      summary: derived.describe?.(config) ?? derived.summary,
      load: derived.load,
      run: async (ctx) => (await derived.load()).provision(ctx),
      ownsFinalizers: derived.ownsFinalizers ?? false,
    });
  }
  for (const section of config.declaredSections) {
    const definition = capabilityOf(section);
    if (!definition) continue; // reported by checkPreconditions
    steps.push({
      name: section,
      phase: definition.phase,
      summary: definition.describe?.(config.spec[section]!, config) ?? definition.summary,
      load: definition.load,
      run: async (ctx) => {
        const { provision } = (await definition.load()) as { provision: CapabilityHandler<SectionName> };
        provision(config.spec[section]!, ctx);
      },
      ownsFinalizers: false,
    });
  }
  return steps.sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));
}

/** Loads every step's code: each capability's provisioning and every derived step (the platform snapshot holds them all). */
export async function loadAllSteps(): Promise<void> {
  await Promise.all([...DERIVED_STEPS, ...CAPABILITY_LIST].map((step) => step.load()));
}

/** The security groups and roles the declared sections' definitions ask Foundation for, in section order. */
export function foundationNeeds(config: PlatformConfig): FoundationNeeds {
  const securityGroups: SecurityGroupNeed[] = [];
  const roles: RoleNeed[] = [];
  for (const section of config.declaredSections) {
    const definition = capabilityOf(section);
    const sectionConfig = config.spec[section] as never;
    securityGroups.push(...(definition?.securityGroups?.(sectionConfig, config) ?? []));
    roles.push(...(definition?.roles?.(sectionConfig, config) ?? []));
  }
  return { securityGroups, roles };
}

const either = (names: readonly string[], word: string) => (names.length > 1 ? `${names.slice(0, -1).join(", ")} ${word} ${names.at(-1)}` : names.join(""));

/**
 * The rules beyond the schema, run by loadSpecFile (LoadOptions.checkSections) once the spec has its
 * typed values: something must provision, a data section nothing could reach gets a warning,
 * each declared unit checks its own section (its definition's `check`), and `overrides:` has its
 * shape (the rest of its checks need the synthesized stack: src/engine/overrides.ts).
 */
export function checkSections(config: PlatformConfig): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const reporter =
    (severity: Diagnostic["severity"]): Report =>
    (code, path, message, hint, where = "value", position) => {
      diagnostics.push({ severity, code, file: config.file, ...(position ?? config.locate(path, where)), path: formatPath(path), message, hint });
    };
  const error = reporter("error");
  const warning = reporter("warning");
  if (!config.declaredSections.some((section) => capabilityOf(section)?.provisions !== false)) {
    const provisioning = CAPABILITY_LIST.filter((definition) => definition.provisions !== false).map((definition) => definition.section);
    error("spec/no-capability", ["spec"], "declares no capability, so nothing would be provisioned", `add at least one section: ${either(provisioning, "or")}`, "key");
  }
  // Across sections: what the engine adds to a function's environment must fit beside its own.
  checkFunctionEnvironments(config, error);
  for (const section of config.declaredSections) {
    const definition = capabilityOf(section);
    // A section with schema errors (see loadSpecText) has no typed value: its own rules cannot run.
    if (config.spec[section] !== undefined) definition?.check?.({ config, error, warning, injectedNames: INJECTED_NAMES });
    const reachedBy = definition?.reachedBy;
    // Declared, not resolved: a workload section with a mistake of its own is still meant to be there.
    if (!reachedBy || reachedBy.some((client) => config.declaredSections.includes(client))) continue;
    warning(
      "reachability/unreachable-data",
      ["spec", section],
      `nothing in this stack can reach the ${section} (no ${reachedBy.join(" and no ")})`,
      `add ${either(reachedBy, "or")}, or make sure another stack's workloads are meant to reach it`,
      "key",
    );
  }
  diagnostics.push(...checkOverrideShapes(config));
  return diagnostics;
}

/**
 * Every declared section has a capability, and every capability's required sections are declared.
 * `broken` names sections with schema errors (see loadSpecText): they count as declared, but a
 * precondition that depends on their values (`when`) cannot be decided and is not reported.
 */
export function checkPreconditions(config: PlatformConfig, broken: ReadonlySet<string> = new Set()): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const declared = new Set(config.declaredSections);
  const error = (code: DiagnosticCode, path: Array<string | number>, message: string, hint?: string) => {
    diagnostics.push({ severity: "error", code, file: config.file, ...config.locate(path), path: formatPath(path), message, ...(hint ? { hint } : {}) });
  };
  for (const section of config.declaredSections) {
    const definition = capabilityOf(section);
    if (!definition) {
      error("capability/unknown-section", ["spec", section], `section "${section}" has no capability in this engine version, so it cannot be provisioned`, "remove the section or upgrade the engine");
      continue;
    }
    for (const precondition of definition.requires ?? []) {
      if (precondition.when && (broken.has(section) || !precondition.when(config))) continue;
      if (precondition.anyOf.some((required) => declared.has(required))) continue;
      const names = precondition.anyOf.map((name) => `spec.${name}`).join(" or ");
      error("capability/requires", ["spec", ...(precondition.at ?? [section])], `requires ${names}: ${precondition.because}`, `declare ${names}, or remove this`);
    }
  }
  return diagnostics;
}
