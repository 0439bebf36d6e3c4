// An RDS PostgreSQL instance with the secure settings always on: RDS-managed master password (in
// Secrets Manager, never in the configuration or state), private, encrypted, IAM authentication,
// Performance Insights, log exports, automatic minor upgrades (unless a minor version is pinned),
// changes applied when Terraform applies them, and a final snapshot on deletion.
import { DbInstance } from "../../../providers/aws/db-instance.js";
import type { ITerraformDependable, TerraformStack } from "../../../providers/cdktf.js";

export interface PostgresInstanceArgs {
  /** At most 63 characters, starting with a letter, no `--`. */
  identifier: string;
  engine: "postgres";
  /**
   * A major version (`16`) lets RDS pick and upgrade the minor version; a pinned minor version
   * (`16.4`) turns automatic minor upgrades off, or the next plan would try to downgrade.
   */
  engineVersion: string;
  instanceClass: string;
  allocatedStorageGib: number;
  multiAz: boolean;
  backupRetentionDays: number;
  dbName: string;
  username: string;
  port: number;
  subnetGroupName: string;
  parameterGroupName: string;
  securityGroupIds: string[];
  deletionProtection: boolean;
  finalSnapshotIdentifier: string;
  performanceInsights: boolean;
  /** Log types exported to CloudWatch Logs; their log groups must exist first (see `logGroups`). */
  logExports: string[];
  logGroups: ITerraformDependable[];
}

/** PostgreSQL's log types RDS can export: the server log and the major-version upgrade log. */
export const POSTGRES_LOG_EXPORTS = ["postgresql", "upgrade"] as const;

/** The log group RDS writes an exported log type of an instance to. */
export const rdsLogGroupName = (identifier: string, logType: string) => `/aws/rds/instance/${identifier}/${logType}`;

/**
 * Whether RDS offers Performance Insights for an instance class of the engine. AWS lists no instance
 * class restriction for RDS for PostgreSQL (the micro/small exclusions apply to MySQL and MariaDB),
 * so every class, db.t3.micro included, gets it.
 */
export function supportsPerformanceInsights(engine: "postgres", _instanceClass: string): boolean {
  return engine === "postgres";
}

/** Whether `engineVersion` pins a minor version (`16.4`) rather than naming a major one (`16`). */
export const pinsMinorVersion = (engineVersion: string) => engineVersion.includes(".");

export function postgresInstance(scope: TerraformStack, id: string, args: PostgresInstanceArgs): DbInstance {
  return new DbInstance(scope, id, {
    identifier: args.identifier,
    engine: args.engine,
    engineVersion: args.engineVersion,
    instanceClass: args.instanceClass,
    allocatedStorage: args.allocatedStorageGib,
    multiAz: args.multiAz,
    backupRetentionPeriod: args.backupRetentionDays,
    dbName: args.dbName,
    username: args.username,
    manageMasterUserPassword: true,
    port: args.port,
    dbSubnetGroupName: args.subnetGroupName,
    parameterGroupName: args.parameterGroupName,
    vpcSecurityGroupIds: args.securityGroupIds,
    publiclyAccessible: false,
    storageEncrypted: true,
    iamDatabaseAuthenticationEnabled: true,
    performanceInsightsEnabled: args.performanceInsights,
    enabledCloudwatchLogsExports: args.logExports,
    // RDS would upgrade a pinned minor version and the next plan would try to downgrade it.
    autoMinorVersionUpgrade: !pinsMinorVersion(args.engineVersion),
    // A major version change in the spec is an upgrade, not an error at apply.
    allowMajorVersionUpgrade: true,
    // Modifications happen during the apply, not in the next maintenance window: a major upgrade
    // moves the instance to its new parameter group before Terraform destroys the old group
    // (create_before_destroy), which RDS refuses while an instance still uses it.
    applyImmediately: true,
    deletionProtection: args.deletionProtection,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: args.finalSnapshotIdentifier,
    copyTagsToSnapshot: true,
    dependsOn: args.logGroups,
  });
}
