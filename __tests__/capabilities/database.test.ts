import { describe, expect, it } from "vitest";
import { resource, specYaml, synthesize, type TerraformJson } from "../helpers/spec.js";

const database = (over: Record<string, unknown> = {}) => ({ engine: "postgres", instanceClass: "db.t3.micro", dbName: "orders", dbUsername: "orders_admin", ...over });
const instance = (json: TerraformJson) => resource(json, "aws_db_instance", "database_instance");
const containerOf = (json: TerraformJson) =>
  (JSON.parse(resource(json, "aws_ecs_task_definition", "compute_task_definition").container_definitions as string) as Array<Record<string, unknown>>)[0]!;
const policyOf = (json: TerraformJson, id: string) => JSON.parse(resource(json, "aws_iam_role_policy", id).policy as string);
const SECRET_ARN = "${aws_db_instance.database_instance.master_user_secret[0].secret_arn}";

describe("database capability", () => {
  it("applies the schema defaults: major version 16, 20 GiB, single AZ, 7 days of backups, deletion protection", async () => {
    const { json } = await synthesize(specYaml({ database: database() }));
    expect(instance(json)).toMatchObject({
      identifier: "test-svc",
      engine: "postgres",
      engine_version: "16",
      instance_class: "db.t3.micro",
      allocated_storage: 20,
      multi_az: false,
      backup_retention_period: 7,
      deletion_protection: true,
      db_name: "orders",
      username: "orders_admin",
      port: 5432,
    });
  });

  it("takes every field from the spec", async () => {
    const { json } = await synthesize(
      specYaml({
        database: database({
          engineVersion: "17",
          instanceClass: "db.m7g.large",
          allocatedStorage: 500,
          multiAz: true,
          backupRetentionDays: 35,
          dbName: "ledger",
          dbUsername: "ledger_owner",
          deletionProtection: false,
        }),
      }),
    );
    expect(instance(json)).toMatchObject({
      engine_version: "17",
      instance_class: "db.m7g.large",
      allocated_storage: 500,
      multi_az: true,
      backup_retention_period: 35,
      db_name: "ledger",
      username: "ledger_owner",
      deletion_protection: false,
    });
  });

  it("keeps the secure settings on", async () => {
    const { json } = await synthesize(specYaml({ database: database() }));
    expect(instance(json)).toMatchObject({
      manage_master_user_password: true,
      publicly_accessible: false,
      storage_encrypted: true,
      iam_database_authentication_enabled: true,
      performance_insights_enabled: true,
      auto_minor_version_upgrade: true,
      skip_final_snapshot: false,
      enabled_cloudwatch_logs_exports: ["postgresql", "upgrade"],
      vpc_security_group_ids: ["${aws_security_group.database_security_group.id}"],
      db_subnet_group_name: "${aws_db_subnet_group.database_subnet_group.name}",
    });
  });

  it("enables Performance Insights on db.t3.micro, which RDS for PostgreSQL supports", async () => {
    const { json } = await synthesize(specYaml({ database: database({ instanceClass: "db.t3.micro" }) }));
    expect(instance(json).performance_insights_enabled).toBe(true);
  });

  it("names the final snapshot after the instance and a suffix that is new each time the stack or the instance is created", async () => {
    const { json } = await synthesize(specYaml({ database: database() }));
    expect(instance(json).final_snapshot_identifier).toBe('test-svc-final-${substr(replace(terraform_data.database_final_snapshot_suffix.id, "-", ""), 0, 8)}');
    const { db_name, engine, username } = instance(json);
    expect(json.resource?.terraform_data?.database_final_snapshot_suffix).toEqual({ triggers_replace: { db_name, engine, username } });
  });

  it("applies changes immediately and leaves a pinned minor version alone", async () => {
    const { json } = await synthesize(specYaml({ database: database({ engineVersion: "16.4" }) }));
    expect(instance(json)).toMatchObject({ apply_immediately: true, auto_minor_version_upgrade: false, engine_version: "16.4" });
  });

  it("forces TLS through a parameter group of the major version's family, replaced before destroy", async () => {
    const { json } = await synthesize(specYaml({ database: database({ engineVersion: "15.6" }) }));
    expect(resource(json, "aws_db_parameter_group", "database_parameter_group")).toMatchObject({
      name_prefix: "test-svc-postgres15-",
      family: "postgres15",
      parameter: [{ name: "rds.force_ssl", value: "1" }],
      lifecycle: { create_before_destroy: true },
    });
    expect(instance(json).parameter_group_name).toBe("${aws_db_parameter_group.database_parameter_group.name}");
  });

  it("pre-creates the exported log groups with retention, before the instance", async () => {
    const { json } = await synthesize(specYaml({ database: database() }));
    expect(resource(json, "aws_cloudwatch_log_group", "database_log_group_postgresql")).toEqual({ name: "/aws/rds/instance/test-svc/postgresql", retention_in_days: 30 });
    expect(resource(json, "aws_cloudwatch_log_group", "database_log_group_upgrade")).toEqual({ name: "/aws/rds/instance/test-svc/upgrade", retention_in_days: 30 });
    expect(instance(json).depends_on).toEqual(["aws_cloudwatch_log_group.database_log_group_postgresql", "aws_cloudwatch_log_group.database_log_group_upgrade"]);
  });

  it("checks at plan time that the private subnets span two Availability Zones", async () => {
    const { json } = await synthesize(specYaml({ database: database() }));
    const subnetGroup = resource(json, "aws_db_subnet_group", "database_subnet_group");
    expect(subnetGroup).toMatchObject({ name: "test-svc", subnet_ids: "${data.aws_subnets.private_subnets.ids}" });
    const [check] = (subnetGroup.lifecycle as { precondition: Array<Record<string, string>> }).precondition;
    expect(check!.condition).toMatch(/>= 2\)\}$/);
    expect(check!.error_message).toMatch(/at least 2 Availability Zones/);
  });

  it("gives the container the endpoint as variables and the password as a secret from the managed secret", async () => {
    const { json } = await synthesize(specYaml({ compute: {}, database: database() }));
    const container = containerOf(json);
    expect(container.environment).toEqual(
      expect.arrayContaining([
        { name: "DATABASE_HOST", value: "${aws_db_instance.database_instance.address}" },
        { name: "DATABASE_PORT", value: "5432" },
        { name: "DATABASE_NAME", value: "orders" },
        { name: "DATABASE_USER", value: "orders_admin" },
      ]),
    );
    expect(container.secrets).toEqual([{ name: "DATABASE_PASSWORD", valueFrom: `${SECRET_ARN}:password::` }]);
    // The ARN is for functions, which read the secret themselves; containers get the value from ECS.
    expect((container.environment as Array<{ name: string }>).map((v) => v.name)).not.toContain("DATABASE_SECRET_ARN");
  });

  it("lets the execution role read exactly the managed secret", async () => {
    const { json } = await synthesize(specYaml({ compute: {}, database: database() }));
    expect(policyOf(json, "compute_task_execution_policy").Statement).toContainEqual({
      Sid: "ReadDatabaseMasterSecret",
      Effect: "Allow",
      Action: "secretsmanager:GetSecretValue",
      Resource: SECRET_ARN,
    });
    const taskPolicy = json.resource?.aws_iam_role_policy?.compute_task_policy;
    expect(taskPolicy).toBeUndefined();
  });

  it("admits PostgreSQL only from the compute group", async () => {
    const { json } = await synthesize(specYaml({ compute: {}, database: database() }));
    expect(resource(json, "aws_vpc_security_group_ingress_rule", "database_ingress_from_compute")).toMatchObject({
      security_group_id: "${aws_security_group.database_security_group.id}",
      referenced_security_group_id: "${aws_security_group.compute_security_group.id}",
      from_port: 5432,
      to_port: 5432,
    });
  });

  it("exports the endpoint, port and managed secret ARN, and publishes them in the context", async () => {
    const { context, json } = await synthesize(specYaml({ database: database() }));
    expect(context.outputs.all().map((o) => o.key)).toEqual([
      "database.endpoint",
      "database.port",
      "database.name",
      "database.identifier",
      "database.master_user_secret_arn",
    ]);
    expect(json.output?.database_master_user_secret_arn?.value).toBe(SECRET_ARN);
    expect(context.workload.secrets()).toEqual([["DATABASE_PASSWORD", `${context.require("database.masterUserSecretArn")}:password::`]]);
    expect(context.require("database.instance").friendlyUniqueId).toBe("database_instance");
  });
});
