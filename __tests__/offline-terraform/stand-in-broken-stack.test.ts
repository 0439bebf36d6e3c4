// The harness can fail: a stack Terraform core or the stand-in schema rejects fails `terraform
// validate` with the real error, while the same stack unmodified validates.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SharedStandIns, startSharedStandIns } from "../../scripts/offline-terraform.mjs";
import { offlineStack, readStackJson, type StackJson, synthFixture, tail } from "./stand-in-harness.js";

type Resources = NonNullable<StackJson["resource"]>;

const CASES: Array<{ name: string; breakIt: (resources: Resources) => void; expected: RegExp[] }> = [
  {
    name: "an argument the schema does not have",
    breakIt: (r) => void (r.aws_efs_file_system!.storage_file_system!.not_an_argument = "x"),
    expected: [/Extraneous JSON object property/, /No argument or block type is named "not_an_argument"/],
  },
  {
    name: "a reference to an attribute the resource does not have",
    breakIt: (r) => void (r.aws_efs_backup_policy!.storage_backup_policy!.file_system_id = "${aws_efs_file_system.storage_file_system.no_such_attribute}"),
    expected: [/Unsupported attribute/, /exported attribute named\s+"no_such_attribute"/],
  },
  {
    name: "a reference to a resource the stack does not declare",
    breakIt: (r) => void (r.aws_efs_backup_policy!.storage_backup_policy!.file_system_id = "${aws_efs_file_system.missing.id}"),
    expected: [/Reference to undeclared resource/],
  },
  {
    name: "a value of the wrong type",
    breakIt: (r) => void (r.aws_elasticache_replication_group!.cache_replication_group!.num_cache_clusters = "many"),
    expected: [/Incorrect attribute value type/, /a number is required/],
  },
  {
    name: "a missing required argument",
    breakIt: (r) => void delete r.aws_efs_mount_target!.storage_mount_target!.subnet_id,
    expected: [/Missing required argument/, /"subnet_id" is required/],
  },
  {
    name: "a block given as a string",
    breakIt: (r) => void (r.aws_efs_backup_policy!.storage_backup_policy!.backup_policy = "ENABLED"),
    expected: [/Incorrect JSON value type/, /of one or more "backup_policy" blocks/, /Insufficient backup_policy blocks/],
  },
];

describe("stand-in providers: a broken stack fails terraform validate", () => {
  let synthesized: { out: string; stacks: string[] };
  const work = mkdtempSync(join(tmpdir(), "platform-stand-in-broken-"));
  let shared: SharedStandIns;
  beforeAll(async () => {
    shared = await startSharedStandIns();
    synthesized = await synthFixture("platform-storage-cache.yaml");
  });
  afterAll(async () => {
    await shared?.stop();
    rmSync(synthesized.out, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  async function validate(name: string, breakIt?: (r: Resources) => void) {
    const source = synthesized.stacks[0]!;
    const dir = join(work, name.replace(/\W+/g, "-"));
    cpSync(source, dir, { recursive: true });
    const json = readStackJson(dir);
    breakIt?.(json.resource!);
    writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(json, null, 2));
    const stack = await offlineStack(dir, { shared });
    try {
      return await stack.tf(["validate", "-no-color"]);
    } finally {
      stack.cleanup();
    }
  }

  it("the unmodified stack validates (stand-in providers)", async () => {
    const result = await validate("unmodified");
    expect(result.code, tail(result)).toBe(0);
    expect(result.stdout).toContain("Success! The configuration is valid.");
  });

  it.concurrent.each(CASES)("$name: validate fails with Terraform's error (stand-in providers)", async ({ name, breakIt, expected }) => {
    const result = await validate(name, breakIt);
    expect(result.code, tail(result)).toBe(1);
    for (const pattern of expected) expect(result.stderr + result.stdout).toMatch(pattern);
  });
});
