// The typed configuration capabilities read: every default resolved, sections in a stable order.
// The sections and their resolved types come from the schema (schema/index.ts, schema/<section>.ts).
import type { SourceRange, SpecPath } from "./diagnostics.js";
import { SECTION_ORDER, type Metadata, type SectionConfigs, type SectionName } from "../../schema/index.js";
import type { Override } from "../../schema/overrides.js";

export type { Override };

export { SECTION_ORDER, type SectionConfigs, type SectionName };

export interface PlatformConfig {
  /** The file the spec came from, as given. */
  file: string;
  /**
   * The stack id and the prefix of every generated name: `metadata.name`, or
   * `<metadata.name>-<environment>` for an environment's merged spec.
   */
  serviceName: string;
  /** The environment this config is the merged spec of; absent for a spec without environments (or its base). */
  environment?: string;
  /** The environments the spec declares (empty when none). */
  environments: string[];
  metadata: Metadata;
  /** Resolved sections; absent ones are undefined. */
  spec: Partial<SectionConfigs>;
  /** Names of the secrets declared in `spec.secrets` (empty when none). */
  secrets: string[];
  /** The declared sections, in SECTION_ORDER. */
  declaredSections: SectionName[];
  /**
   * The `overrides:` patches, as written (empty when none): the top-level ones, merged with the
   * environment's own for an environment's config (src/config/environment-overrides.ts); see
   * src/engine/overrides.ts.
   */
  overrides: readonly Override[];
  /** `spec` exactly as written, before defaults. */
  rawSpec: Readonly<Record<string, unknown>>;
  /** Line and column of a spec path in the source file (its nearest existing ancestor if absent). */
  locate(path: SpecPath, at?: "key" | "value"): SourceRange;
  /** Line and column of character `offset` inside the string at `path` (the value's start when it is not written verbatim on one line). */
  locateInString(path: SpecPath, offset: number): SourceRange;
  /**
   * The path a diagnostic about `path` names, when it differs from `path`: an environment's merged
   * `overrides` are named by where they were written (`environments.prod.overrides[0].resource`).
   */
  displayPath?(path: SpecPath): SpecPath;
}

/** The section's resolved config; throws when the section is not declared (a programming error). */
export function sectionOf<K extends SectionName>(config: PlatformConfig, section: K): SectionConfigs[K] {
  const value = config.spec[section];
  if (value === undefined) throw new Error(`section "${section}" is not declared in ${config.file}`);
  return value as SectionConfigs[K];
}
