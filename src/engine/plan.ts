// Which steps a spec runs, in order, and whether its preconditions hold: decided from the config
// alone, before any construct exists (so `platform validate` can report it without synthesizing).
import { formatPath, type Diagnostic, type DiagnosticCode } from "../config/diagnostics.js";
import type { PlatformConfig, SectionName } from "../config/platform-config.js";
import { PHASES, type Phase } from "./phases.js";
import { capabilityOf, DERIVED_STEPS, type CapabilityHandler, type StepHandler } from "./registry.js";

export interface PlannedStep {
  /** The section name, or `foundation` / `networking` for derived steps. */
  name: string;
  phase: Phase;
  summary: string;
  /** Imports the step's module (each step's code is a chunk of its own, loaded on demand). */
  load: () => Promise<unknown>;
  run: (ctx: Parameters<StepHandler>[0]) => Promise<void>;
}

/** Steps in phase order; within a phase, sections in the contract's order. */
export function planSteps(config: PlatformConfig): PlannedStep[] {
  const steps: PlannedStep[] = [];
  for (const derived of DERIVED_STEPS) {
    if (!derived.appliesTo(config)) continue;
    steps.push({
      name: derived.name,
      phase: derived.phase,
      summary: derived.summary,
      load: derived.load,
      run: async (ctx) => (await derived.load()).provision(ctx),
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
    });
  }
  return steps.sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));
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
