// Changes that lose data. The database, cache and file system capabilities are not synthesized by
// the engine yet, so their stacks are written by hand in the shape the engine emits.
import { describe, expect, it } from "vitest";
import { FORCE_NEW, forceNewEntry, STATEFUL_TYPES } from "../../src/diff/replacement.js";
import { diffDirs, synthDir, writeSynthesis } from "./syntheses.js";

const database = (overrides: Record<string, unknown> = {}) => ({
  identifier: "orders",
  engine: "postgres",
  engine_version: "16",
  instance_class: "db.t4g.micro",
  allocated_storage: 20,
  storage_encrypted: true,
  manage_master_user_password: true,
  username: "orders",
  db_subnet_group_name: "${aws_db_subnet_group.database_subnet_group.name}",
  deletion_protection: true,
  ...overrides,
});
const cache = (overrides: Record<string, unknown> = {}) => ({
  replication_group_id: "orders",
  description: "Redis of orders",
  engine: "redis",
  engine_version: "7.1",
  node_type: "cache.t4g.micro",
  port: 6379,
  at_rest_encryption_enabled: true,
  transit_encryption_enabled: true,
  transit_encryption_mode: "required",
  ...overrides,
});
const fileSystem = (overrides: Record<string, unknown> = {}) => ({ creation_token: "orders", encrypted: true, performance_mode: "generalPurpose", ...overrides });

const stack = (resources: Record<string, Record<string, unknown>>) => ({
  "//": { metadata: { stackName: "orders", version: "0.21.0" } },
  resource: resources,
  terraform: { backend: { s3: { bucket: "state", key: "platform/orders/terraform.tfstate", region: "us-east-1", encrypt: true } } },
});
const pair = (before: Record<string, Record<string, unknown>>, after: Record<string, Record<string, unknown>>) =>
  diffDirs(writeSynthesis({ orders: stack(before) }), writeSynthesis({ orders: stack(after) }));

describe("stateful changes", () => {
  it("says that replacing a database with deletion protection on fails at apply, and what to do", () => {
    const diff = pair({ aws_db_instance: { database_instance: database() } }, { aws_db_instance: { database_instance: database({ username: "shop" }) } });
    expect(diff.warnings).toEqual([
      expect.objectContaining({
        action: "replace",
        attributes: ["username"],
        message:
          "username cannot change in place, so Terraform destroys it and creates a new one: its data (only a final snapshot survives, if one is taken) is lost; deletion_protection is on, so the apply fails when Terraform tries to delete the old instance: to replace it anyway, take a snapshot, apply deletionProtection: false on its own first, then apply this change; otherwise keep username as it was",
      }),
    ]);
  });

  it("flags a database whose encryption changes as replaced, naming the attribute", () => {
    const unprotected = (overrides: Record<string, unknown> = {}) => database({ deletion_protection: false, ...overrides });
    const diff = pair({ aws_db_instance: { database_instance: unprotected() } }, { aws_db_instance: { database_instance: unprotected({ storage_encrypted: false }) } });
    expect(diff.stacks[0]!.blocks).toMatchObject([{ address: "aws_db_instance.database_instance", action: "replace", forcesReplacement: ["storage_encrypted"] }]);
    expect(diff.warnings).toEqual([
      {
        stack: "orders",
        address: "aws_db_instance.database_instance",
        kind: "database",
        action: "replace",
        attributes: ["storage_encrypted"],
        message: "storage_encrypted cannot change in place, so Terraform destroys it and creates a new one: its data (only a final snapshot survives, if one is taken) is lost",
      },
    ]);
  });

  it("changes a database's instance class in place, without a warning", () => {
    const diff = pair({ aws_db_instance: { database_instance: database() } }, { aws_db_instance: { database_instance: database({ instance_class: "db.t4g.small" }) } });
    expect(diff.stacks[0]!.blocks).toMatchObject([{ action: "change", forcesReplacement: [] }]);
    expect(diff.warnings).toEqual([]);
  });

  it("renames a database in place when only its identifier changes (provider >= 5.0)", () => {
    const diff = pair({ aws_db_instance: { database_instance: database() } }, { aws_db_instance: { database_instance: database({ identifier: "orders-db" }) } });
    expect(diff.stacks[0]!.blocks).toMatchObject([{ action: "change" }]);
    expect(diff.warnings).toEqual([]);
  });

  it("flags a deleted database loudly", () => {
    const diff = pair({ aws_db_instance: { database_instance: database() } }, {});
    expect(diff.warnings).toMatchObject([{ address: "aws_db_instance.database_instance", kind: "database", action: "destroy" }]);
  });

  it("flags a cache whose port changes as replaced", () => {
    const diff = pair(
      { aws_elasticache_replication_group: { cache_replication_group: cache() } },
      { aws_elasticache_replication_group: { cache_replication_group: cache({ port: 6380 }) } },
    );
    expect(diff.warnings).toMatchObject([{ kind: "cache", action: "replace", attributes: ["port"] }]);
  });

  it("says a cache may be replaced when its engine version changes (only a downgrade replaces)", () => {
    const diff = pair(
      { aws_elasticache_replication_group: { cache_replication_group: cache() } },
      { aws_elasticache_replication_group: { cache_replication_group: cache({ engine_version: "6.2" }) } },
    );
    expect(diff.stacks[0]!.blocks).toMatchObject([{ action: "change", forcesReplacement: ["engine_version"] }]);
    expect(diff.warnings).toMatchObject([{ action: "may-replace", attributes: ["engine_version"], message: expect.stringContaining("when the version is lowered") }]);
  });

  it("flags a file system whose performance mode changes as replaced, and one that disappears as destroyed", () => {
    const replaced = pair({ aws_efs_file_system: { storage_file_system: fileSystem() } }, { aws_efs_file_system: { storage_file_system: fileSystem({ performance_mode: "maxIO" }) } });
    expect(replaced.warnings).toMatchObject([{ kind: "file system", action: "replace", attributes: ["performance_mode"] }]);
    const destroyed = pair({ aws_efs_file_system: { storage_file_system: fileSystem() } }, {});
    expect(destroyed.warnings).toMatchObject([{ kind: "file system", action: "destroy" }]);
  });

  it("says a stateful resource may lose instances when its for_each changes", () => {
    const diff = pair(
      { aws_efs_file_system: { storage_file_system: fileSystem({ for_each: "${toset([\"a\", \"b\"])}" }) } },
      { aws_efs_file_system: { storage_file_system: fileSystem({ for_each: "${toset([\"a\"])}" }) } },
    );
    expect(diff.warnings).toMatchObject([{ action: "may-replace", attributes: ["for_each"] }]);
  });

  it("does not flag stateless resources, whatever changes", () => {
    const group = (name: string) => ({ aws_security_group: { compute_security_group: { name, description: "x" } } });
    expect(pair(group("a"), group("b")).warnings).toEqual([]);
    expect(pair(group("a"), {}).warnings).toEqual([]);
  });

  it("flags a switch of the state backend from s3 to HCP Terraform as a state move", async () => {
    const spec = [{ name: "orders", spec: { compute: {} } }];
    const diff = diffDirs(await synthDir(spec), await synthDir(spec, { backend: "cloud", cloudOrganization: "acme" }));
    expect(diff.warnings).toMatchObject([{ stack: "orders", address: "backend", kind: "state", action: "state-moved", attributes: ["cloud", "s3"] }]);
  });
});

describe("replacement table", () => {
  it("cites where each stateful type's forcing attributes were read", () => {
    for (const [type, entry] of Object.entries(STATEFUL_TYPES)) {
      expect(entry.sources.some((source) => source.endsWith(`/website/docs/r/${type.replace(/^aws_/, "")}.html.markdown`)), type).toBe(true);
      expect(FORCE_NEW[type]?.sources.length, type).toBeGreaterThan(0);
    }
  });

  it("covers the attributes below a forcing block", () => {
    expect(forceNewEntry("aws_ecr_repository", "encryption_configuration.kms_key")).toEqual({ path: "encryption_configuration" });
    expect(forceNewEntry("aws_ecr_repository", "encryption_configuration_x")).toBeUndefined();
    expect(forceNewEntry("aws_ecr_repository", "image_tag_mutability")).toBeUndefined();
  });
});
