// A final-snapshot identifier that differs each time the stack is created: `<instance>-final-<8 hex>`,
// the hex taken from a `terraform_data` id (a random UUID fixed when the resource is created). A fixed
// name would make the second destroy of a re-created stack fail, because the first snapshot remains.
import { DataResource, Fn, type TerraformStack } from "../../../providers/cdktf.js";

const SUFFIX_LENGTH = 8;
/** RDS limit on a DB snapshot identifier. */
export const DB_SNAPSHOT_IDENTIFIER_LIMIT = 255;

export function finalSnapshotIdentifier(scope: TerraformStack, id: string, instanceIdentifier: string): string {
  const prefix = `${instanceIdentifier}-final-`;
  if (prefix.length + SUFFIX_LENGTH > DB_SNAPSHOT_IDENTIFIER_LIMIT) throw new Error(`final snapshot identifier of ${instanceIdentifier} would exceed ${DB_SNAPSHOT_IDENTIFIER_LIMIT} characters`);
  const creation = new DataResource(scope, id, {});
  // UUID hex without hyphens: snapshot identifiers must not contain `--` or end with `-`.
  return `${prefix}${Fn.substr(Fn.replace(creation.id, "-", ""), 0, SUFFIX_LENGTH)}`;
}
