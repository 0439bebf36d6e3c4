// `spec.database`: one RDS PostgreSQL instance whose master password RDS manages.
import Type, { type Static } from "typebox";
import { strict, type Resolved } from "./shared.js";

/** PostgreSQL identifiers as RDS accepts them: a letter first, then letters, digits or underscores; at most 63. */
const Identifier = (description: string) =>
  Type.String({ minLength: 1, maxLength: 63, pattern: "^[A-Za-z][A-Za-z0-9_]*$", description });

export const Database = Type.Object(
  {
    engine: Type.Enum(["postgres"], { default: "postgres", description: "Database engine. Only `postgres` exists in v1 (required all the same, so a spec states it)." }),
    engineVersion: Type.Optional(
      Type.String({
        pattern: "^[0-9]+(\\.[0-9]+)?$",
        default: "16",
        description:
          "PostgreSQL version as a quoted string: a major version (\"16\"; 14 to 18 are supported) lets RDS apply minor upgrades automatically; a pinned minor (\"16.4\") turns automatic minor upgrades off, so the instance stays on it until you change this field.",
      }),
    ),
    instanceClass: Type.String({ pattern: "^db\\.[a-z0-9]+\\.[a-z0-9]+$", description: "RDS instance class, e.g. db.t3.micro." }),
    allocatedStorage: Type.Optional(
      Type.Integer({ minimum: 20, maximum: 65536, default: 20, description: "Allocated storage in GiB." }),
    ),
    multiAz: Type.Optional(Type.Boolean({ default: false, description: "Keep a synchronous standby in a second Availability Zone." })),
    backupRetentionDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 35,
        default: 7,
        description: "Days automated backups are kept. At least 1: disabling backups is not allowed.",
      }),
    ),
    dbName: Identifier(
      "Name of the database created with the instance: letters, digits and underscores, starting with a letter; not a PostgreSQL reserved word.",
    ),
    dbUsername: Identifier(
      "Master user name: letters, digits and underscores, starting with a letter; not a reserved name (admin, rdsadmin, public, pg_*, rds_*, SQL key words). Its password is generated and rotated by RDS in Secrets Manager, never written anywhere.",
    ),
    deletionProtection: Type.Optional(
      Type.Boolean({
        default: true,
        description: "Refuse to delete the instance until this is turned off. Turn off only for throwaway stacks.",
      }),
    ),
  },
  { ...strict, description: "RDS PostgreSQL instance with an RDS-managed master password, reachable from compute and lambda." },
);
export type Database = Static<typeof Database>;

/** `spec.database` with every default applied. */
export type DatabaseConfig = Resolved<Database>;

declare module "./index.js" {
  interface SectionConfigs {
    database: DatabaseConfig;
  }
}
