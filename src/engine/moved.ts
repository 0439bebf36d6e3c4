// Renamed resources keep their state. When the engine changes a resource's address (a construct id,
// say), the rename goes into RENAMES, and every stack holding the new address carries a Terraform
// `moved` block from the old one: `terraform plan` then moves the existing object in the state
// instead of destroying it and creating a new one (for a database, that would lose its data).
// CHANGELOG.md lists each rename under the version that made it (docs/versioning in CHANGELOG.md).
import { TerraformResource, type Construct } from "../../providers/cdktf.js";

export interface Rename {
  /** The address before, as in the state: `<type>.<name>`. */
  from: string;
  /** The address now. */
  to: string;
  /** The engine version that renamed it (kept at least until the next major version). */
  since: string;
}

/** Every rename the engine has made; none yet. */
export const RENAMES: readonly Rename[] = [];

/** The `<type>.<name>` address a resource has in the synthesized stack. */
export function addressOf(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/** Adds a `moved` block to each resource below `scope` whose address was renamed; returns how many. */
export function applyRenames(scope: Construct, renames: readonly Rename[] = RENAMES): number {
  if (renames.length === 0) return 0;
  const byTarget = new Map(renames.map((rename) => [rename.to, rename]));
  let moved = 0;
  for (const construct of scope.node.findAll()) {
    if (!(construct instanceof TerraformResource)) continue;
    const rename = byTarget.get(addressOf(construct));
    if (!rename) continue;
    construct.moveFromId(rename.from);
    moved += 1;
  }
  return moved;
}
