// Names PostgreSQL and RDS keep for themselves, so a spec that would fail at `terraform apply` fails
// at `platform validate` instead.

/**
 * PostgreSQL key words marked "reserved" or "reserved (can be function or type)" (PostgreSQL 18,
 * src/include/parser/kwlist.h: RESERVED_KEYWORD and TYPE_FUNC_NAME_KEYWORD). RDS refuses them as
 * the master user name and as the initial database name.
 */
export const POSTGRES_RESERVED_WORDS: ReadonlySet<string> = new Set([
  // RESERVED_KEYWORD
  "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
  "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time",
  "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
  "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
  "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
  "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "system_user",
  "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window",
  "with",
  // TYPE_FUNC_NAME_KEYWORD
  "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full", "ilike",
  "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps", "right", "similar",
  "tablesample", "verbose",
]);

/**
 * Master user names RDS for PostgreSQL refuses beyond the key words: `admin` ("a reserved word used
 * by the engine"), its own roles, and the role-name prefixes PostgreSQL (`pg_`) and RDS (`rds_`)
 * keep; `public` and `none` are pseudo-roles PostgreSQL refuses to create.
 */
const RESERVED_MASTER_USERS = new Set(["admin", "rdsadmin", "rdsrepladmin", "rdstopmgr", "public", "none"]);
const RESERVED_ROLE_PREFIX = /^(pg_|rds_)/;

/** Databases every RDS PostgreSQL instance already has (or RDS keeps for itself). */
const RESERVED_DATABASES = new Set(["template0", "template1", "rdsadmin"]);

/** Why RDS would refuse `name` as the master user name, or undefined when it is acceptable. */
export function reservedMasterUserReason(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (RESERVED_ROLE_PREFIX.test(lower)) return `role names starting with "${lower.slice(0, lower.indexOf("_") + 1)}" are reserved by PostgreSQL and RDS`;
  if (RESERVED_MASTER_USERS.has(lower)) return "RDS reserves it for the engine";
  if (POSTGRES_RESERVED_WORDS.has(lower)) return "it is a PostgreSQL reserved word";
  return undefined;
}

/** Why RDS would refuse `name` as the initial database name, or undefined when it is acceptable. */
export function reservedDatabaseReason(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (RESERVED_DATABASES.has(lower)) return "every RDS PostgreSQL instance already has a database of that name";
  if (POSTGRES_RESERVED_WORDS.has(lower)) return "it is a PostgreSQL reserved word";
  return undefined;
}
