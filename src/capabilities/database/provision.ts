// `database`: one RDS PostgreSQL instance in the private subnets, reachable only from the stack's
// client security groups over TLS. RDS generates and rotates the master password in Secrets Manager;
// containers get it as an ECS secret, functions read it themselves.
import type { DbInstance } from "../../../providers/aws/db-instance.js";
import { Op } from "../../../providers/cdktf.js";
import type { DatabaseConfig } from "../../../schema/database.js";
import type { CapabilityContext } from "../shared/context.js";
import { declareException } from "../../policy/exceptions.js";
import { ruleIn } from "../../policy/registry.js";
import { DATABASE_RULES } from "./policy.js";
import { POSTGRES_PORT } from "../shared/ports.js";
import { logGroup } from "../../modules/compute/log-group.js";
import { postgresFamily, postgresParameterGroup } from "../../modules/database/db-parameter-group.js";
import { dbSubnetGroup } from "../../modules/database/db-subnet-group.js";
import { finalSnapshotIdentifier } from "../../modules/database/final-snapshot.js";
import { POSTGRES_LOG_EXPORTS, postgresInstance, rdsLogGroupName, supportsPerformanceInsights } from "../../modules/database/postgres-instance.js";

declare module "../shared/context.js" {
  interface ContextValues {
    "database.instance": DbInstance;
    /** ARN of the RDS-managed secret holding the master user name and password. */
    "database.masterUserSecretArn": string;
  }
}

/** RDS refuses a DB subnet group that does not span two Availability Zones. */
const DB_SUBNET_GROUP_MIN_ZONES = 2;
/** The key of the password in the RDS-managed secret's JSON. */
const SECRET_PASSWORD_KEY = "password";

export function provision(database: DatabaseConfig, ctx: CapabilityContext): void {
  const { scope, infra, settings, serviceName, workload } = ctx;
  const groups = ctx.require("foundation.securityGroups");
  const roles = ctx.require("foundation.roles");
  const identifier = ctx.name("dbIdentifier");

  const subnetGroup = dbSubnetGroup(scope, "database_subnet_group", {
    name: ctx.name("dbSubnetGroup"),
    description: `Private subnets of ${serviceName}'s PostgreSQL`,
    subnetIds: infra.privateSubnetIds,
    checks: [
      {
        condition: Op.gte(infra.privateAzCount, DB_SUBNET_GROUP_MIN_ZONES),
        errorMessage: `RDS needs private subnets in at least ${DB_SUBNET_GROUP_MIN_ZONES} Availability Zones for spec.database.`,
      },
    ],
  });
  const family = postgresFamily(database.engineVersion);
  const parameterGroup = postgresParameterGroup(scope, "database_parameter_group", {
    namePrefix: `${ctx.name("dbParameterGroupPrefix", family)}-`,
    family,
    description: `TLS-only connections to ${serviceName}'s PostgreSQL`,
  });
  // RDS would create these on first export, without retention and outside Terraform.
  const logGroups = POSTGRES_LOG_EXPORTS.map((logType) =>
    logGroup(scope, `database_log_group_${logType}`, { name: rdsLogGroupName(identifier, logType), retentionDays: settings.logRetentionDays }),
  );

  const instance = postgresInstance(scope, "database_instance", {
    identifier,
    engine: database.engine,
    engineVersion: database.engineVersion,
    instanceClass: database.instanceClass,
    allocatedStorageGib: database.allocatedStorage,
    multiAz: database.multiAz,
    backupRetentionDays: database.backupRetentionDays,
    dbName: database.dbName,
    username: database.dbUsername,
    port: POSTGRES_PORT,
    subnetGroupName: subnetGroup.name,
    parameterGroupName: parameterGroup.name,
    securityGroupIds: [groups.get("database").id],
    deletionProtection: database.deletionProtection,
    // The values of the attributes that replace the instance (db_name, engine, username: provider
    // schema ForceNew), so each replacement instance gets its own final snapshot identifier.
    finalSnapshotIdentifier: finalSnapshotIdentifier(scope, "database_final_snapshot_suffix", identifier, {
      db_name: database.dbName,
      engine: database.engine,
      username: database.dbUsername,
    }),
    performanceInsights: supportsPerformanceInsights(database.engine, database.instanceClass),
    logExports: [...POSTGRES_LOG_EXPORTS],
    logGroups,
  });
  if (!database.deletionProtection) declareException(instance, ruleIn(DATABASE_RULES, "PLT-RDS-003"), "spec.database.deletionProtection is false");
  const secretArn = instance.masterUserSecret.get(0).secretArn;

  const readSecret = { sid: "ReadDatabaseMasterSecret", actions: ["secretsmanager:GetSecretValue"], resources: [secretArn] };
  // ECS resolves container secrets with the execution role, when the task starts.
  roles.grantTo("container-execution", readSecret);
  roles.grantTo("function", readSecret);

  workload.setEnvironment("DATABASE_HOST", instance.address);
  workload.setEnvironment("DATABASE_PORT", String(POSTGRES_PORT));
  workload.setEnvironment("DATABASE_NAME", database.dbName);
  workload.setEnvironment("DATABASE_USER", database.dbUsername);
  workload.setEnvironment("DATABASE_SECRET_ARN", secretArn);
  // `<arn>:<json key>::` makes ECS inject one key of the JSON secret, not the whole document.
  workload.addSecret("DATABASE_PASSWORD", `${secretArn}:${SECRET_PASSWORD_KEY}::`);

  ctx.set("database.instance", instance);
  ctx.set("database.masterUserSecretArn", secretArn);
  ctx.export("database.endpoint", instance.address, "Address of the PostgreSQL instance.");
  ctx.export("database.port", String(POSTGRES_PORT), "Port of the PostgreSQL instance.");
  ctx.export("database.name", database.dbName, "Name of the database created with the instance.");
  ctx.export("database.identifier", instance.identifier, "Identifier of the RDS instance.");
  ctx.export("database.master_user_secret_arn", secretArn, "ARN of the RDS-managed Secrets Manager secret with the master user's credentials.");
}
