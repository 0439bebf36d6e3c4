// Which changes replace a resource that holds data. The stateful types and their replacement-forcing
// attributes are declared by the units that create them (src/capabilities/<section>/definition.ts,
// `statefulTypes`; the shared image repository in src/capabilities/shared/stateful.ts) and collected
// by the registry; see StatefulType for where each list is read.
import type { ForceNewAttribute, StatefulType } from "../capabilities/shared/definition.js";
import { STATEFUL_TYPES } from "../engine/registry.js";

export type { ForceNewAttribute, StatefulType };
export { STATEFUL_TYPES };

export function statefulType(type: string): StatefulType | undefined {
  return STATEFUL_TYPES[type];
}

/** The table entry a changed attribute path falls under, if any. */
export function forceNewEntry(type: string, schemaPath: string): ForceNewAttribute | undefined {
  return STATEFUL_TYPES[type]?.forceNew.find(
    (entry) => schemaPath === entry.path || schemaPath.startsWith(`${entry.path}.`) || schemaPath.startsWith(`${entry.path}[`),
  );
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
