// A PostgreSQL parameter group that refuses connections without TLS. Its family follows the major
// version, so a major upgrade needs a new group: it gets a fresh name (`name_prefix`) and is created
// before the old one is destroyed, while the instance still uses the old one.
import { DbParameterGroup } from "../../../providers/aws/db-parameter-group.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface DbParameterGroupArgs {
  /** Terraform appends a unique 26-character suffix. */
  namePrefix: string;
  /** e.g. `postgres16`. */
  family: string;
  description: string;
}

/** `16` or `16.4` -> `postgres16`. */
export const postgresFamily = (engineVersion: string) => `postgres${engineVersion.split(".")[0]}`;

export function postgresParameterGroup(scope: TerraformStack, id: string, args: DbParameterGroupArgs): DbParameterGroup {
  return new DbParameterGroup(scope, id, {
    namePrefix: args.namePrefix,
    family: args.family,
    description: args.description,
    parameter: [{ name: "rds.force_ssl", value: "1" }],
    lifecycle: { createBeforeDestroy: true },
  });
}
