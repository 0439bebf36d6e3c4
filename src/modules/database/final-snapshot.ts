// A final-snapshot identifier that differs for each instance the stack creates: `<instance>-final-<8 hex>`,
// the hex taken from a `terraform_data` id (a random UUID fixed when the resource is created). The
// `terraform_data` is replaced whenever an attribute that replaces the instance changes, so each
// replacement instance gets its own identifier. RDS deletes an instance with the identifier in its
// state: a fixed name would make the second destroy of a re-created stack, or the second replacement
// of the instance, fail, because the first snapshot remains.
import { DataResource, Fn, type TerraformStack } from "../../../providers/cdktf.js";

const SUFFIX_LENGTH = 8;
/** RDS limit on a DB snapshot identifier. */
export const DB_SNAPSHOT_IDENTIFIER_LIMIT = 255;

/**
 * `replacing`: the instance's values of the attributes that force its replacement (`db_name`,
 * `username`, `engine`...), by attribute name; a change to any of them yields a new identifier.
 */
export function finalSnapshotIdentifier(scope: TerraformStack, id: string, instanceIdentifier: string, replacing: Record<string, string>): string {
  const prefix = `${instanceIdentifier}-final-`;
  if (prefix.length + SUFFIX_LENGTH > DB_SNAPSHOT_IDENTIFIER_LIMIT) throw new Error(`final snapshot identifier of ${instanceIdentifier} would exceed ${DB_SNAPSHOT_IDENTIFIER_LIMIT} characters`);
  const creation = new DataResource(scope, id, { triggersReplace: replacing });
  // UUID hex without hyphens: snapshot identifiers must not contain `--` or end with `-`.
  return `${prefix}${Fn.substr(Fn.replace(creation.id, "-", ""), 0, SUFFIX_LENGTH)}`;
}
