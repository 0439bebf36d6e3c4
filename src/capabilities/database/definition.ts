// `database`: one RDS PostgreSQL instance in the private subnets, TLS only, RDS-managed password.
import { defineCapability } from "../shared/definition.js";
import { checkDatabase } from "./check.js";
import { DATABASE_RULES } from "./policy.js";
import { POSTGRES_PORT } from "../shared/ports.js";
import { PROVIDER_DOCS, PROVIDER_SOURCE } from "../shared/stateful.js";

declare module "../shared/environment.js" {
  interface InjectedVariables {
    DATABASE_HOST: true;
    DATABASE_PORT: true;
    DATABASE_NAME: true;
    DATABASE_USER: true;
    DATABASE_PASSWORD: true;
    DATABASE_SECRET_ARN: true;
  }
}
declare module "../shared/names.js" {
  interface NameLimits {
    dbIdentifier: true;
    dbSubnetGroup: true;
    dbParameterGroupPrefix: true;
  }
}

export const database = defineCapability({
  section: "database",
  phase: "infrastructure",
  summary: "DB subnet group, TLS-only parameter group, RDS PostgreSQL instance with an RDS-managed master password",
  check: ({ config, error, warning }) => checkDatabase(config, error, warning),
  reachedBy: ["compute", "lambda"],
  securityGroups: () => [{ role: "database", client: false, ingress: { port: POSTGRES_PORT, from: "stack-clients", what: "PostgreSQL" } }],
  environment: {
    DATABASE_HOST: { capability: "database", description: "Address of the PostgreSQL instance. Connections must use TLS (rds.force_ssl).", audience: "workloads" },
    DATABASE_PORT: { capability: "database", description: "Port of the PostgreSQL instance.", audience: "workloads" },
    DATABASE_NAME: { capability: "database", description: "Name of the database created with the instance (spec.database.dbName).", audience: "workloads" },
    DATABASE_USER: { capability: "database", description: "Master user name (spec.database.dbUsername).", audience: "workloads" },
    DATABASE_PASSWORD: {
      capability: "database",
      description:
        "Master password, injected by ECS as a secret from the RDS-managed Secrets Manager secret when the container starts. RDS rotates it: restart tasks (or read DATABASE_SECRET_ARN) after a rotation.",
      audience: "containers",
    },
    DATABASE_SECRET_ARN: {
      capability: "database",
      description: "ARN of the RDS-managed Secrets Manager secret (JSON with `username` and `password`); functions read it at run time, since Lambda has no secret injection.",
      audience: "functions",
    },
  },
  /** `name_prefix` leaves 26 characters of the 255 for Terraform's unique suffix (dbParameterGroupPrefix). */
  claims: (_database, claims) => {
    const identifier = claims.name("dbIdentifier");
    claims.fromService("RDS instance identifier", identifier);
    claims.fromService("DB subnet group", claims.name("dbSubnetGroup"));
    for (const logType of ["postgresql", "upgrade"]) claims.fromService("CloudWatch log group", `/aws/rds/instance/${identifier}/${logType}`);
  },
  nameLimits: { dbIdentifier: 63, dbSubnetGroup: 255, dbParameterGroupPrefix: 229 },
  statefulTypes: {
    aws_db_instance: {
      kind: "database",
      loses: "its data (only a final snapshot survives, if one is taken)",
      // `identifier` is not force-new: since provider 5.0 (hashicorp/terraform-provider-aws#31232) a
      // changed identifier renames the instance in place (with a reboot and a new endpoint).
      mayReplace: [],
      sources: [`${PROVIDER_DOCS}/db_instance.html.markdown`, `${PROVIDER_SOURCE}/rds/instance.go`],
    },
  },
  policyRules: DATABASE_RULES,
  optOuts: [{ field: "database.deletionProtection: false", secureDefault: "true", rules: ["PLT-RDS-003"], on: "the DB instance" }],
  starter: (name) => [
    "  # PostgreSQL on RDS; the master password is managed by RDS.",
    "  database:",
    "    engine: postgres",
    "    instanceClass: db.t3.micro",
    `    dbName: ${name.replace(/-/g, "_").slice(0, 63)}`,
    `    dbUsername: ${name.replace(/-/g, "_").slice(0, 10)}_admin`,
  ],
  load: () => import("./provision.js"),
});
