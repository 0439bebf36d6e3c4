import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Op } from "../../providers/cdktf.js";
import { postgresFamily, postgresParameterGroup } from "../../src/modules/database/db-parameter-group.js";
import { dbSubnetGroup } from "../../src/modules/database/db-subnet-group.js";
import { finalSnapshotIdentifier } from "../../src/modules/database/final-snapshot.js";
import { postgresInstance, rdsLogGroupName, supportsPerformanceInsights, type PostgresInstanceArgs } from "../../src/modules/database/postgres-instance.js";
import { synthModule } from "../helpers/module.js";
import { resource } from "../helpers/spec.js";

const base: PostgresInstanceArgs = {
  identifier: "orders",
  engine: "postgres",
  engineVersion: "16",
  instanceClass: "db.t3.micro",
  allocatedStorageGib: 20,
  multiAz: false,
  backupRetentionDays: 7,
  dbName: "orders",
  username: "orders_admin",
  port: 5432,
  subnetGroupName: "orders",
  parameterGroupName: "orders-pg",
  securityGroupIds: ["sg-1"],
  deletionProtection: true,
  finalSnapshotIdentifier: "orders-final-x",
  performanceInsights: true,
  logExports: ["postgresql", "upgrade"],
  logGroups: [],
};
const instance = (over: Partial<PostgresInstanceArgs> = {}) =>
  resource(synthModule((scope) => postgresInstance(scope, "db", { ...base, ...over })), "aws_db_instance", "db");

describe("postgresInstance module", () => {
  it("takes every sizing and naming field from its arguments", () => {
    expect(
      instance({ engineVersion: "15.6", instanceClass: "db.m7g.large", allocatedStorageGib: 100, multiAz: true, backupRetentionDays: 35, dbName: "app", username: "app_admin" }),
    ).toMatchObject({
      engine: "postgres",
      engine_version: "15.6",
      instance_class: "db.m7g.large",
      allocated_storage: 100,
      multi_az: true,
      backup_retention_period: 35,
      db_name: "app",
      username: "app_admin",
      port: 5432,
      db_subnet_group_name: "orders",
      parameter_group_name: "orders-pg",
      vpc_security_group_ids: ["sg-1"],
    });
  });

  it("lets RDS manage the master password and never takes one", () => {
    const body = instance();
    expect(body.manage_master_user_password).toBe(true);
    for (const key of ["password", "password_wo", "password_wo_version"]) expect(body).not.toHaveProperty(key);
  });

  it("is private, encrypted, IAM-authenticated, upgraded automatically (major version) and exports its logs", () => {
    expect(instance()).toMatchObject({
      publicly_accessible: false,
      storage_encrypted: true,
      iam_database_authentication_enabled: true,
      auto_minor_version_upgrade: true,
      copy_tags_to_snapshot: true,
      enabled_cloudwatch_logs_exports: ["postgresql", "upgrade"],
    });
  });

  it("takes a final snapshot under the given identifier", () => {
    expect(instance({ finalSnapshotIdentifier: "orders-final-abc" })).toMatchObject({ skip_final_snapshot: false, final_snapshot_identifier: "orders-final-abc" });
  });

  it("follows the deletion protection and Performance Insights arguments", () => {
    expect(instance()).toMatchObject({ deletion_protection: true, performance_insights_enabled: true });
    expect(instance({ deletionProtection: false, performanceInsights: false })).toMatchObject({ deletion_protection: false, performance_insights_enabled: false });
  });
});

describe("Performance Insights support", () => {
  it("is offered for every PostgreSQL instance class, the smallest burstable ones included", () => {
    for (const instanceClass of ["db.t3.micro", "db.t3.small", "db.t4g.micro", "db.m7g.large"]) {
      expect(supportsPerformanceInsights("postgres", instanceClass), instanceClass).toBe(true);
    }
  });
});

describe("postgresParameterGroup module", () => {
  it("derives the family from the major version", () => {
    expect(postgresFamily("16")).toBe("postgres16");
    expect(postgresFamily("15.6")).toBe("postgres15");
  });

  it("forces TLS and is replaced under a fresh name before the old one goes", () => {
    const json = synthModule((scope) => postgresParameterGroup(scope, "pg", { namePrefix: "orders-postgres17-", family: "postgres17", description: "d" }));
    expect(resource(json, "aws_db_parameter_group", "pg")).toEqual({
      name_prefix: "orders-postgres17-",
      family: "postgres17",
      description: "d",
      parameter: [{ name: "rds.force_ssl", value: "1" }],
      lifecycle: { create_before_destroy: true },
    });
  });
});

describe("dbSubnetGroup module", () => {
  it("carries the given plan-time checks", () => {
    const json = synthModule((scope) => dbSubnetGroup(scope, "sg", { name: "orders", description: "d", subnetIds: ["s-1"], checks: [{ condition: Op.gte(1, 2), errorMessage: "two zones" }] }));
    expect(resource(json, "aws_db_subnet_group", "sg").lifecycle).toEqual({ precondition: [{ condition: "${(1 >= 2)}", error_message: "two zones" }] });
  });
});

describe("RDS log group names", () => {
  it("are where RDS writes each exported log type", () => {
    expect(rdsLogGroupName("orders", "postgresql")).toBe("/aws/rds/instance/orders/postgresql");
  });
});

describe("final snapshot identifier", () => {
  it("is the instance identifier, -final-, and 8 hex characters of a terraform_data id", () => {
    let identifier = "";
    const json = synthModule((scope) => {
      identifier = finalSnapshotIdentifier(scope, "suffix", "orders", { db_name: "orders", username: "admin" });
    });
    expect(json.resource?.terraform_data?.suffix).toEqual({ triggers_replace: { db_name: "orders", username: "admin" } });
    expect(identifier).toMatch(/^orders-final-/);
  });

  const work = mkdtempSync(join(tmpdir(), "final-snapshot-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("differs after the stack is destroyed and created again (real terraform, terraform_data only)", () => {
    // The module's expression, rendered by cdktf, as the value of an output next to its terraform_data.
    const json = synthModule((scope) => {
      const value = finalSnapshotIdentifier(scope, "database_final_snapshot_suffix", "orders", { db_name: "orders" });
      scope.addOverride("output.snapshot.value", value);
    });
    writeFileSync(join(work, "main.tf.json"), JSON.stringify({ resource: json.resource, output: (json as { output?: unknown }).output }));
    const terraform = (...args: string[]) =>
      execFileSync("terraform", args, { cwd: work, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" } });
    terraform("init", "-input=false", "-no-color");
    terraform("apply", "-auto-approve", "-input=false", "-no-color");
    const first = terraform("output", "-raw", "snapshot");
    terraform("destroy", "-auto-approve", "-input=false", "-no-color");
    terraform("apply", "-auto-approve", "-input=false", "-no-color");
    const second = terraform("output", "-raw", "snapshot");
    expect(first).toMatch(/^orders-final-[0-9a-f]{8}$/);
    expect(second).toMatch(/^orders-final-[0-9a-f]{8}$/);
    expect(second).not.toBe(first);
  });
});

describe("final snapshot identifier across replacements of the instance", () => {
  const work = mkdtempSync(join(tmpdir(), "final-snapshot-replaced-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("differs each time a replacing attribute changes, so a second replacement does not reuse the first's snapshot (real terraform)", () => {
    const write = (dbName: string) => {
      const json = synthModule((scope) => {
        const value = finalSnapshotIdentifier(scope, "database_final_snapshot_suffix", "orders", { db_name: dbName, username: "orders_admin" });
        scope.addOverride("output.snapshot.value", value);
      });
      writeFileSync(join(work, "main.tf.json"), JSON.stringify({ resource: json.resource, output: (json as { output?: unknown }).output }));
    };
    const terraform = (...args: string[]) =>
      execFileSync("terraform", args, { cwd: work, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" } });
    write("orders");
    terraform("init", "-input=false", "-no-color");
    terraform("apply", "-auto-approve", "-input=false", "-no-color");
    const created = terraform("output", "-raw", "snapshot");
    terraform("apply", "-auto-approve", "-input=false", "-no-color");
    expect(terraform("output", "-raw", "snapshot"), "unchanged attributes keep the identifier").toBe(created);
    write("orders_v2");
    terraform("apply", "-auto-approve", "-input=false", "-no-color");
    const firstReplacement = terraform("output", "-raw", "snapshot");
    write("orders_v3");
    terraform("apply", "-auto-approve", "-input=false", "-no-color");
    const secondReplacement = terraform("output", "-raw", "snapshot");
    expect(new Set([created, firstReplacement, secondReplacement]).size).toBe(3);
  });
});

describe("database changes that must not wait for the maintenance window", () => {
  it("applies modifications immediately, so a major upgrade moves to the new parameter group before the old one is destroyed", () => {
    expect(instance().apply_immediately).toBe(true);
  });

  it("turns automatic minor upgrades off when a minor version is pinned, and on for a major version", () => {
    expect(instance({ engineVersion: "16" }).auto_minor_version_upgrade).toBe(true);
    expect(instance({ engineVersion: "16.4" }).auto_minor_version_upgrade).toBe(false);
  });
});
