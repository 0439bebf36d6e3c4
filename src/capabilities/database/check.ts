// Rules of spec.database the schema cannot express: versions, reserved and default names RDS knows.
import type { PlatformConfig } from "../../config/platform-config.js";
import { reservedDatabaseReason, reservedMasterUserReason } from "../../config/postgres.js";
import type { Report } from "../shared/definition.js";
import { echo } from "../../support/echo.js";

/**
 * PostgreSQL major versions in RDS standard support. 13 left it on 2026-02-28: new instances would
 * be enrolled in (billed) RDS Extended Support.
 */
export const SUPPORTED_POSTGRES_MAJORS = [14, 15, 16, 17, 18] as const;
/** Master user names scanners try first (AWS Security Hub control RDS.25 flags them). */
const DEFAULT_MASTER_USERS = new Set(["postgres"]);

export function checkDatabase({ spec }: PlatformConfig, error: Report, warning: Report): void {
  if (!spec.database) return;
  const { engineVersion, dbUsername, dbName } = spec.database;
  const major = Number(engineVersion.split(".")[0]);
  if (!(SUPPORTED_POSTGRES_MAJORS as readonly number[]).includes(major)) {
    error(
      "database/postgres-version",
      ["spec", "database", "engineVersion"],
      `PostgreSQL ${echo(engineVersion).slice(1, -1)} is not supported`,
      `use a major version in RDS standard support: ${SUPPORTED_POSTGRES_MAJORS.map((v) => `"${v}"`).join(", ")}`,
    );
  }
  const userReason = reservedMasterUserReason(dbUsername);
  if (userReason) {
    error("database/reserved-master-user", ["spec", "database", "dbUsername"], `RDS refuses ${echo(dbUsername)} as the master user name: ${userReason}`, "choose another name, e.g. <service>_admin");
  } else if (DEFAULT_MASTER_USERS.has(dbUsername.toLowerCase())) {
    warning(
      "database/default-master-user",
      ["spec", "database", "dbUsername"],
      `${echo(dbUsername)} is the default master user name, the first one attackers try`,
      "choose a name of your own, e.g. <service>_admin (it cannot be changed after creation)",
    );
  }
  const nameReason = reservedDatabaseReason(dbName);
  if (nameReason) {
    error("database/reserved-database-name", ["spec", "database", "dbName"], `RDS refuses ${echo(dbName)} as the database name: ${nameReason}`, "choose a name of your own, e.g. <service>_production");
  }
}
