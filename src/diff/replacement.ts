// Which changes make Terraform destroy and recreate a resource, for every resource type the engine
// emits, and which of those types hold data. Provider schemas (and so cdktf bindings) do not say
// which attributes are "ForceNew", so the table is read from the providers' documentation ("Forces
// new resource") and source (`ForceNew: true`, `RequiresReplace`): src/diff/force-new.json, one
// entry per type with its sources and notes. That one table serves `platform diff` and the
// summary of `preview --plan`. The stateful types (what they are, what their replacement loses,
// and the replacements that happen only in some cases) are declared by the units that create them
// (src/capabilities/<section>/definition.ts, `statefulTypes`; the shared image repository in
// src/capabilities/shared/stateful.ts) and collected by the registry.
import { INSTANCE_KEYS } from "../capabilities/shared/stateful.js";
import type { ForceNewAttribute, StatefulType } from "../capabilities/shared/definition.js";
import { STATEFUL_TYPES } from "../engine/registry.js";
import FORCE_NEW_TABLE from "./force-new.json" with { type: "json" };

export type { ForceNewAttribute, StatefulType };
export { STATEFUL_TYPES };

/** One type's entry in the force-new table. */
export interface ForceNewEntry {
  /** Attribute paths (`block.attribute` for nested ones) whose change forces replacement. */
  forceNew: readonly string[];
  /**
   * Force-new attributes that are also Optional + Computed: removed from the configuration, the
   * provider keeps the live value, so only setting a different value replaces.
   */
  keptWhenRemoved?: readonly string[];
  /** Where the list was read: provider documentation pages and source files. */
  sources: readonly string[];
  notes?: string;
}

/** Terraform's own resources, which no provider documents. */
const BUILT_IN: Readonly<Record<string, ForceNewEntry>> = {
  terraform_data: {
    forceNew: ["triggers_replace"],
    sources: ["https://developer.hashicorp.com/terraform/language/resources/terraform-data"],
    notes: "A change of triggers_replace replaces the resource; input changes in place.",
  },
};

export const FORCE_NEW: Readonly<Record<string, ForceNewEntry>> = { ...(FORCE_NEW_TABLE as Record<string, ForceNewEntry>), ...BUILT_IN };

export function statefulType(type: string): StatefulType | undefined {
  return STATEFUL_TYPES[type];
}

const covers = (entry: string, schemaPath: string) => schemaPath === entry || schemaPath.startsWith(`${entry}.`) || schemaPath.startsWith(`${entry}[`);

/**
 * The table entry a changed attribute path of a resource falls under, if any: a certain
 * replacement (no `when`) before a conditional one.
 */
export function forceNewEntry(type: string, schemaPath: string): ForceNewAttribute | undefined {
  const certain = FORCE_NEW[type]?.forceNew.find((path) => covers(path, schemaPath));
  if (certain !== undefined) return { path: certain };
  return [...(STATEFUL_TYPES[type]?.mayReplace ?? []), ...INSTANCE_KEYS].find((entry) => covers(entry.path, schemaPath));
}

/**
 * Whether a change of `schemaPath` from `before` to `after` replaces the resource for certain or
 * maybe (a force-new entry), leaving out the removal of an Optional + Computed force-new attribute,
 * which the provider keeps as it is.
 */
export function forcesReplacement(type: string, schemaPath: string, after: unknown): ForceNewAttribute | undefined {
  if (after === undefined && FORCE_NEW[type]?.keptWhenRemoved?.some((path) => covers(path, schemaPath))) return undefined;
  return forceNewEntry(type, schemaPath);
}

/**
 * Backend attributes that locate the state. Changing one points Terraform at another (usually
 * empty) state: the next apply tries to create every resource again while the old state still
 * tracks the live ones.
 */
export const STATE_LOCATION_PATHS: readonly string[] = [
  "s3.bucket",
  "s3.key",
  "s3.region",
  "s3.workspace_key_prefix",
  "s3.endpoints",
  "cloud.hostname",
  "cloud.organization",
  "cloud.workspaces",
];
